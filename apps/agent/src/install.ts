import { execFile } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DeviceOs } from '@atrium/shared';
import type { Logger } from './log';

/**
 * `atrium-agent --install`: the agent copies itself where the OS keeps programs and registers as
 * the service that starts it at boot and restarts it — a systemd unit, a launchd daemon, or on
 * Windows a task that starts at boot as SYSTEM (Node is not a Windows service program: the service
 * manager would stop it after 30 s without a wrapper).
 */

export type InstallPlan = {
  /** Where the agent's one file goes. */
  program: string;
  files: { path: string; content: string }[];
  /** The service manager's commands, in order, as argv. */
  commands: { file: string; args: string[] }[];
};

export const PROGRAM_DIRS: Record<DeviceOs, string> = {
  linux: '/opt/atrium-agent',
  macos: '/Library/Application Support/Atrium Agent',
  windows: 'C:\\Program Files\\Atrium Agent',
};
const PROGRAM_FILE = 'atrium-agent.mjs';
const LAUNCHD_LABEL = 'com.atrium.agent';
const WINDOWS_TASK = 'Atrium Agent';

const xml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
/** systemd splits ExecStart on spaces unless quoted; a quote or backslash inside is escaped. */
const systemdWord = (word: string) =>
  /^[\w/.:@+-]+$/.test(word) ? word : `"${word.replace(/["\\]/g, '\\$&')}"`;
/** Windows command-line quoting for one argument (no shell is involved, but the task stores a line). */
const windowsWord = (word: string) => (/^[\w:\\./-]+$/.test(word) ? word : `"${word.replace(/"/g, '\\"')}"`);

export function installPlan(
  os: DeviceOs,
  options: { node: string; serverUrl: string; stateDir: string },
): InstallPlan {
  const program =
    os === 'windows' ? `${PROGRAM_DIRS.windows}\\${PROGRAM_FILE}` : `${PROGRAM_DIRS[os]}/${PROGRAM_FILE}`;
  const argv = [options.node, program, '--server', options.serverUrl, '--state-dir', options.stateDir];
  switch (os) {
    case 'linux': {
      const unit = '/etc/systemd/system/atrium-agent.service';
      return {
        program,
        files: [
          {
            path: unit,
            content: [
              '[Unit]',
              'Description=Atrium agent',
              'After=network-online.target',
              'Wants=network-online.target',
              '',
              '[Service]',
              `ExecStart=${argv.map(systemdWord).join(' ')}`,
              'Restart=always',
              'RestartSec=5',
              '',
              '[Install]',
              'WantedBy=multi-user.target',
              '',
            ].join('\n'),
          },
        ],
        commands: [
          { file: 'systemctl', args: ['daemon-reload'] },
          { file: 'systemctl', args: ['enable', '--now', 'atrium-agent.service'] },
        ],
      };
    }
    case 'macos': {
      const plist = `/Library/LaunchDaemons/${LAUNCHD_LABEL}.plist`;
      return {
        program,
        files: [
          {
            path: plist,
            content: [
              '<?xml version="1.0" encoding="UTF-8"?>',
              '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
              '<plist version="1.0">',
              '<dict>',
              `  <key>Label</key><string>${LAUNCHD_LABEL}</string>`,
              '  <key>ProgramArguments</key>',
              '  <array>',
              ...argv.map((word) => `    <string>${xml(word)}</string>`),
              '  </array>',
              '  <key>RunAtLoad</key><true/>',
              '  <key>KeepAlive</key><true/>',
              '  <key>StandardErrorPath</key><string>/Library/Logs/atrium-agent.log</string>',
              '</dict>',
              '</plist>',
              '',
            ].join('\n'),
          },
        ],
        commands: [{ file: '/bin/launchctl', args: ['bootstrap', 'system', plist] }],
      };
    }
    case 'windows':
      return {
        program,
        files: [],
        commands: [
          {
            file: 'schtasks.exe',
            args: [
              '/Create',
              '/F',
              '/TN',
              WINDOWS_TASK,
              '/SC',
              'ONSTART',
              '/RU',
              'SYSTEM',
              '/RL',
              'HIGHEST',
              '/TR',
              argv.map(windowsWord).join(' '),
            ],
          },
          { file: 'schtasks.exe', args: ['/Run', '/TN', WINDOWS_TASK] },
        ],
      };
  }
}

const run = promisify(execFile);

/**
 * Carries the plan out: copies `self` (the running agent file) into place, writes the service
 * definition and runs the service manager. With `root`, every path is under that directory and the
 * commands are only logged (a dry run, for tests and for reading what it would do).
 */
export async function install(
  plan: InstallPlan,
  options: { self: string; root?: string; log: Logger },
): Promise<void> {
  const { root, log } = options;
  const at = (target: string) => (root ? path.join(root, target.replace(/^[A-Za-z]:/, '')) : target);
  const program = at(plan.program);
  await mkdir(path.dirname(program), { recursive: true });
  await copyFile(options.self, program);
  log.info(`installed ${plan.program}`);
  for (const file of plan.files) {
    await mkdir(path.dirname(at(file.path)), { recursive: true });
    await writeFile(at(file.path), file.content, { mode: 0o644 });
    log.info(`wrote ${file.path}`);
  }
  for (const command of plan.commands) {
    const line = JSON.stringify([command.file, ...command.args]);
    if (root) {
      log.info(`dry run: would run ${line}`);
      continue;
    }
    log.info(`running ${line}`);
    await run(command.file, command.args, { windowsHide: true });
  }
}
