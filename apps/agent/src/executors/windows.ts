import { credentials, type Planner, packageId, planOf } from './plan';

const CHOCO = 'C:\\ProgramData\\chocolatey\\bin\\choco.exe';

/**
 * Windows, for an agent running as LocalSystem. `powershell.exe` must be the 64-bit one (the
 * LocalAccounts module does not exist in 32-bit PowerShell), which it is under a 64-bit Node.
 */
export const planWindows: Planner = (action, params, env) => {
  switch (action) {
    case 'reboot':
      return planOf([{ file: 'shutdown.exe', args: ['/r', '/t', '60'] }]);
    case 'shutdown':
      return planOf([{ file: 'shutdown.exe', args: ['/s', '/t', '60'] }]);
    case 'lock':
      // LockWorkStation works only from the interactive desktop: started by a service in
      // session 0 it does nothing, so this step has to run in the user's session.
      return planOf([{ file: 'rundll32.exe', args: ['user32.dll,LockWorkStation'] }]);
    case 'logoff':
      if (env.sessionId === null) return { refused: 'no user is signed in' };
      return planOf([{ file: 'logoff', args: [String(env.sessionId)] }]);
    case 'reset_password': {
      const given = credentials(params);
      if ('refused' in given) return given;
      // The password comes from stdin: `net user NAME PASSWORD` would put it in process logs.
      const script = [
        "$ErrorActionPreference = 'Stop'",
        '$p = [Console]::In.ReadLine() | ConvertTo-SecureString -AsPlainText -Force',
        `Set-LocalUser -Name '${given.user}' -Password $p`,
      ].join('; ');
      return planOf([
        {
          file: 'powershell.exe',
          args: ['-NoProfile', '-NonInteractive', '-Command', script],
          stdin: `${given.password}\n`,
        },
        { file: 'net.exe', args: ['user', given.user, '/logonpasswordchg:yes'] },
      ]);
    }
    case 'install_software': {
      const id = packageId(params, 'chocolatey');
      if (typeof id !== 'string') return id;
      // No --force: it would reinstall what is already there.
      return planOf([{ file: CHOCO, args: ['install', id, '-y', '--no-progress', '--limit-output'] }], {
        successCodes: [0, 1641, 3010],
        rebootCodes: [1641, 3010],
      });
    }
  }
};
