import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The server package's folder (apps/server). This file is two folders below it (src/lib), and so is
 * the compiled server `npm start` runs (dist/server/main.js), in which every module's
 * import.meta.url is the bundle's: paths built from here hold in both.
 */
export const SERVER_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The server as `npm start` runs it: one file bundled by `npm run build:server` (esbuild), run by
 * plain Node. TypeScript through tsx would cost a loader thread (25–40 MiB) in every process.
 */
export const COMPILED_SERVER = path.join(SERVER_ROOT, 'dist/server/main.js');

/** The agent as one file (`npm run build:agent`), which the server hands out to install. */
export const AGENT_BUNDLE = path.join(SERVER_ROOT, '../agent/dist/atrium-agent.mjs');
