import { describe, expect, it } from 'vitest';
import { parseCli } from './cli-args';

const server = ['--server', 'https://atrium.example/'];

describe('parseCli', () => {
  it('reads the options, with defaults', () => {
    expect(parseCli([...server, '--token', 't0k', '--state-dir', '/tmp/s'], 'linux')).toEqual({
      options: {
        serverUrl: 'https://atrium.example',
        token: 't0k',
        stateDir: '/tmp/s',
        dryRun: false,
        simulateOs: undefined,
        backoff: { baseMs: 1000, capMs: 60_000 },
        install: false,
      },
    });
    const parsed = parseCli(
      [...server, '--dry-run', '--simulate-os', 'macos', '--backoff-base-ms', '5', '--backoff-cap-ms', '20'],
      'linux',
    );
    expect(parsed).toMatchObject({
      options: {
        dryRun: true,
        simulateOs: 'macos',
        stateDir: '/var/lib/atrium-agent',
        backoff: { baseMs: 5, capMs: 20 },
      },
    });
  });

  it.each([
    [[], '--server is required'],
    [['--server', 'ftp://atrium.example'], '--server must be an http:// or https:// address'],
    [['--server', 'not a url'], '--server must be an http:// or https:// address'],
    [[...server, '--simulate-os', 'macos'], '--simulate-os is allowed only with --dry-run'],
    [[...server, '--dry-run', '--simulate-os', 'beos'], '--simulate-os must be one of windows, macos, linux'],
    [[...server, '--backoff-base-ms', '100', '--backoff-cap-ms', '10'], 'base ≤ cap'],
    [[...server, '--frobnicate'], "Unknown option '--frobnicate'"],
    [[...server, 'extra'], 'positional argument'],
    [
      [...server, '--install', '--install-root', '/tmp/r'],
      '--install-root is allowed only with --install --dry-run',
    ],
    [
      [...server, '--simulated-run-ms', '10'],
      '--simulated-run-ms must be whole milliseconds, with --dry-run',
    ],
  ])('refuses %j', (argv, message) => {
    const parsed = parseCli(argv, 'linux');
    expect(parsed).toHaveProperty('usageError');
    expect((parsed as { usageError: string }).usageError).toContain(message);
  });
});
