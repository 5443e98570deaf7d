import type { ActionType, DeviceOs } from '@atrium/shared';
import { describe, expect, it } from 'vitest';
import { dryRunOutput, isRefusal, type PlanEnv, type PlanOrRefusal, plannerFor } from './index';

const env: PlanEnv = {
  user: 'alex',
  uid: 501,
  sessionId: 2,
  brewOwner: 'alex',
  fileVault: false,
  secureTokenAdmin: null,
};
const password = 'Tmp-Secret-4711!';
const PARAMS: Record<ActionType, Record<string, unknown>> = {
  reboot: {},
  shutdown: {},
  lock: {},
  logoff: {},
  reset_password: { user: 'alex', password },
  install_software: { chocolatey: 'googlechrome', homebrew: 'google-chrome', homebrewCask: true },
};

const plan = (os: DeviceOs, action: ActionType, params = PARAMS[action], planEnv = env) =>
  plannerFor(os)(action, params, planEnv);

const argvOf = (planned: PlanOrRefusal) => {
  if (isRefusal(planned)) throw new Error(`refused: ${planned.refused}`);
  return planned.steps.map((step) => [step.file, ...step.args]);
};

const EXPECTED: Record<DeviceOs, Partial<Record<ActionType, string[][]>>> = {
  windows: {
    reboot: [['shutdown.exe', '/r', '/t', '60']],
    shutdown: [['shutdown.exe', '/s', '/t', '60']],
    lock: [['rundll32.exe', 'user32.dll,LockWorkStation']],
    logoff: [['logoff', '2']],
    reset_password: [
      [
        'powershell.exe',
        '-NoProfile',
        '-NonInteractive',
        '-Command',
        "$ErrorActionPreference = 'Stop'; $p = [Console]::In.ReadLine() | ConvertTo-SecureString -AsPlainText -Force; Set-LocalUser -Name 'alex' -Password $p",
      ],
      ['net.exe', 'user', 'alex', '/logonpasswordchg:yes'],
    ],
    install_software: [
      [
        'C:\\ProgramData\\chocolatey\\bin\\choco.exe',
        'install',
        'googlechrome',
        '-y',
        '--no-progress',
        '--limit-output',
      ],
    ],
  },
  macos: {
    reboot: [['/sbin/shutdown', '-r', 'now']],
    shutdown: [['/sbin/shutdown', '-h', 'now']],
    lock: [['/usr/bin/pmset', 'displaysleepnow']],
    logoff: [['/bin/launchctl', 'bootout', 'user/501']],
    install_software: [
      [
        '/usr/bin/sudo',
        '-u',
        'alex',
        '-H',
        '/usr/bin/env',
        'HOMEBREW_NO_AUTO_UPDATE=1',
        '/opt/homebrew/bin/brew',
        'install',
        '--cask',
        'google-chrome',
      ],
    ],
  },
  linux: {
    reboot: [['systemctl', 'reboot']],
    shutdown: [['systemctl', 'poweroff']],
    lock: [['loginctl', 'lock-sessions']],
    logoff: [['loginctl', 'terminate-user', 'alex']],
    reset_password: [['chpasswd'], ['chage', '-d', '0', 'alex']],
  },
};

describe('planned argv', () => {
  for (const [os, actions] of Object.entries(EXPECTED) as Array<[DeviceOs, Record<string, string[][]>]>)
    for (const [action, argv] of Object.entries(actions))
      it(`${os} ${action}`, () => expect(argvOf(plan(os, action as ActionType))).toEqual(argv));

  it('macOS installs a formula without --cask', () => {
    expect(argvOf(plan('macos', 'install_software', { homebrew: 'wget' }))[0]?.slice(-2)).toEqual([
      'install',
      'wget',
    ]);
  });

  it('puts the password on stdin only', () => {
    const windows = plan('windows', 'reset_password');
    const linux = plan('linux', 'reset_password');
    if (isRefusal(windows) || isRefusal(linux)) throw new Error('refused');
    expect(windows.steps[0]?.stdin).toBe(`${password}\n`);
    expect(linux.steps[0]?.stdin).toBe(`alex:${password}\n`);
    for (const planned of [windows, linux]) {
      expect(JSON.stringify(argvOf(planned))).not.toContain(password);
      expect(dryRunOutput(planned)).not.toContain(password);
    }
  });

  it('treats choco 1641 and 3010 as success that needs a reboot', () => {
    const planned = plan('windows', 'install_software');
    if (isRefusal(planned)) throw new Error('refused');
    expect(planned.successCodes).toEqual([0, 1641, 3010]);
    expect(planned.rebootCodes).toEqual([1641, 3010]);
  });
});

describe('refusals', () => {
  it.each(['-force', '--source=http://evil', 'google chrome', 'a;rm -rf /', '', 'x'.repeat(101), "it's"])(
    'refuses the package id %j',
    (id) => {
      expect(plan('windows', 'install_software', { chocolatey: id })).toHaveProperty('refused');
      expect(plan('macos', 'install_software', { homebrew: id })).toHaveProperty('refused');
    },
  );

  it.each(['-alex', 'alex smith', "alex'; Remove-Item C:\\", ''])('refuses the user name %j', (user) => {
    for (const os of ['windows', 'linux'] as const)
      expect(plan(os, 'reset_password', { user, password })).toHaveProperty('refused');
  });

  it('refuses a password with a line break (it would inject a second chpasswd line)', () => {
    expect(plan('linux', 'reset_password', { user: 'alex', password: 'a\nroot:pwned' })).toHaveProperty(
      'refused',
    );
    expect(plan('windows', 'reset_password', { user: 'alex', password: '' })).toHaveProperty('refused');
  });

  it('refuses software installation on Linux', () => {
    expect(plan('linux', 'install_software')).toEqual({
      refused: 'software installation is not supported on Linux',
    });
  });

  it('refuses an install without a package for the OS', () => {
    expect(plan('windows', 'install_software', { homebrew: 'wget' })).toHaveProperty('refused');
  });

  it('never runs brew as root', () => {
    expect(plan('macos', 'install_software', PARAMS.install_software, { ...env, brewOwner: 'root' })).toEqual(
      {
        refused: 'Homebrew must not run as root',
      },
    );
  });

  it('refuses password resets on macOS (FileVault without a SecureToken admin, or at all)', () => {
    expect(
      plan('macos', 'reset_password', PARAMS.reset_password, { ...env, fileVault: true }),
    ).toHaveProperty('refused', 'FileVault is on and no SecureToken admin is configured');
    expect(plan('macos', 'reset_password')).toEqual({
      refused: 'password reset on macOS needs a SecureToken admin',
    });
  });

  it('refuses to log off when nobody is signed in', () => {
    const nobody = { ...env, user: null, uid: null, sessionId: null };
    for (const os of ['windows', 'macos', 'linux'] as const)
      expect(plan(os, 'logoff', {}, nobody)).toHaveProperty('refused');
    expect(plan('linux', 'logoff', {}, { ...env, user: 'root' })).toHaveProperty('refused');
  });
});

describe('dry-run output', () => {
  it('is the argv of every step, one JSON array a line', () => {
    const planned = plan('linux', 'reset_password');
    if (isRefusal(planned)) throw new Error('refused');
    expect(dryRunOutput(planned)).toBe('["chpasswd"]\n["chage","-d","0","alex"]');
  });
});
