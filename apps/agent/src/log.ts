/**
 * The agent's log: one line per event on stderr, which the service manager (systemd, launchd, the
 * Windows service wrapper) keeps. Callers log ids and types only, never tokens, keys, signatures or
 * passwords: a log file travels further than the machine it was written on.
 */
export type LogLevel = 'info' | 'warn' | 'error';
export type Logger = Record<LogLevel, (message: string) => void>;

export function createLogger(write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const at = (level: LogLevel) => (message: string) =>
    write(`${new Date().toISOString()} ${level} ${message}\n`);
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch hides the reason (ECONNREFUSED, ENOTFOUND…) in `cause`.
  const cause = (error as Error & { cause?: { code?: unknown; message?: unknown } }).cause;
  const reason = typeof cause?.code === 'string' ? cause.code : cause?.message;
  return typeof reason === 'string' && reason ? `${error.message}: ${reason}` : error.message;
}
