import { type Planner, packageId, planOf } from './plan';

const BREW = '/opt/homebrew/bin/brew';

/** macOS, for an agent running as a root LaunchDaemon. */
export const planMacos: Planner = (action, params, env) => {
  switch (action) {
    case 'reboot':
      return planOf([{ file: '/sbin/shutdown', args: ['-r', 'now'] }]);
    case 'shutdown':
      return planOf([{ file: '/sbin/shutdown', args: ['-h', 'now'] }]);
    case 'lock':
      // CGSession -suspend is gone since Big Sur; sleeping the display locks the Mac when
      // "require password immediately" is set (by profile, on managed Macs).
      return planOf([{ file: '/usr/bin/pmset', args: ['displaysleepnow'] }]);
    case 'logoff':
      if (env.uid === null || env.uid === 0) return { refused: 'no user is signed in' };
      return planOf([{ file: '/bin/launchctl', args: ['bootout', `user/${env.uid}`] }]);
    case 'reset_password':
      if (env.fileVault && env.secureTokenAdmin === null)
        return { refused: 'FileVault is on and no SecureToken admin is configured' };
      // sysadminctl's "-" asks for the password at a prompt, documented as interactive: it is not
      // known to read a pipe, and the password must never go on argv. dscl would desync FileVault
      // and the login keychain. So the action waits for a SecureToken admin helper.
      return { refused: 'password reset on macOS needs a SecureToken admin' };
    case 'install_software': {
      const id = packageId(params, 'homebrew');
      if (typeof id !== 'string') return id;
      if (env.brewOwner === null) return { refused: 'Homebrew is not installed' };
      if (env.brewOwner === 'root') return { refused: 'Homebrew must not run as root' };
      const cask = params.homebrewCask === true ? ['--cask'] : [];
      // sudo resets the environment (env_reset), so the variable is set on the far side of it.
      return planOf([
        {
          file: '/usr/bin/sudo',
          args: [
            '-u',
            env.brewOwner,
            '-H',
            '/usr/bin/env',
            'HOMEBREW_NO_AUTO_UPDATE=1',
            BREW,
            'install',
            ...cask,
            id,
          ],
        },
      ]);
    }
  }
};
