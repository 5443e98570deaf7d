import { z } from 'zod';

// Zod probes `new Function` to speed up parsing; under our CSP (no 'unsafe-eval') the probe fails
// and the browser reports a CSP violation. jitless skips the probe. Imported first by each entry.
z.config({ jitless: true });
