import { describe, expect, it } from 'vitest';
import { planOf } from './executors/plan';
import { runPlan, runStep } from './run';

// Harmless commands through execFile argv; a shell appears only here, to produce an exit code.
describe.skipIf(process.platform === 'win32')('runStep and runPlan', () => {
  it('runs a command and captures its output', async () => {
    expect(await runStep({ file: '/bin/echo', args: ['hello', 'world'] }, 5000)).toEqual({
      exitCode: 0,
      output: 'hello world\n',
      timedOut: false,
    });
  });

  it('passes arguments as they are, with no shell to interpret them', async () => {
    const outcome = await runStep({ file: '/bin/echo', args: ['$HOME', '; ls', '`id`'] }, 5000);
    expect(outcome.output).toBe('$HOME ; ls `id`\n');
  });

  it('writes stdin to the child', async () => {
    expect((await runStep({ file: '/bin/cat', args: [], stdin: 'alex:secret\n' }, 5000)).output).toBe(
      'alex:secret\n',
    );
  });

  it('maps exit codes through the success and reboot codes', async () => {
    const exit = (code: number) => ({
      file: '/bin/sh',
      args: ['-c', `echo out; echo err >&2; exit ${code}`],
    });
    const failed = await runPlan(planOf([exit(3)]), 5000);
    expect(failed).toEqual({ succeeded: false, exitCode: 3, output: 'out\nerr\n', rebootRequired: false });
    // Unix exit codes are 8 bits, so a stand-in for Windows' 3010 (reboot needed).
    const rebooting = await runPlan(
      planOf([exit(194)], { successCodes: [0, 194], rebootCodes: [194] }),
      5000,
    );
    expect(rebooting).toMatchObject({ succeeded: true, exitCode: 194, rebootRequired: true });
  });

  it('stops at the first failing step', async () => {
    const outcome = await runPlan(
      planOf([
        { file: '/bin/sh', args: ['-c', 'exit 1'] },
        { file: '/bin/echo', args: ['never'] },
      ]),
      5000,
    );
    expect(outcome).toMatchObject({ succeeded: false, exitCode: 1 });
    expect(outcome.output).not.toContain('never');
  });

  it('kills a command that runs too long', async () => {
    const outcome = await runPlan(planOf([{ file: '/bin/sleep', args: ['5'] }]), 200);
    expect(outcome).toMatchObject({ succeeded: false, exitCode: null, output: 'timed out after 200 ms' });
  });

  it('reports a command that does not exist', async () => {
    const outcome = await runPlan(planOf([{ file: '/nonexistent/tool', args: [] }]), 5000);
    expect(outcome.succeeded).toBe(false);
    expect(outcome.output).toContain('could not run /nonexistent/tool: ENOENT');
  });

  it('keeps the last 16 KiB of the output', async () => {
    const outcome = await runPlan(
      planOf([{ file: '/bin/sh', args: ['-c', 'head -c 40000 /dev/zero | tr "\\0" a; echo END'] }]),
      5000,
    );
    expect(outcome.output).toHaveLength(16 * 1024);
    expect(outcome.output.endsWith('END\n')).toBe(true);
  });
});
