import { createBuiltinProvider } from '../builtin/provider';
import { formatReport, missedTargets, runEval } from './evaluate';

/** `npm run eval:assistant`: a script, so plain text on stdout rather than a logger. */
const outcomes = await runEval(createBuiltinProvider());
const missed = missedTargets(outcomes);
process.stdout.write(`${formatReport(outcomes)}\n`);
process.stdout.write(missed.length === 0 ? '\nTargets met.\n' : `\nTargets missed: ${missed.join('; ')}\n`);
process.exitCode = missed.length === 0 ? 0 : 1;
