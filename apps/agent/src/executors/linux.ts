import { credentials, type Planner, planOf } from './plan';

/** Linux with systemd, for an agent running as a root unit. */
export const planLinux: Planner = (action, params, env) => {
  switch (action) {
    case 'reboot':
      return planOf([{ file: 'systemctl', args: ['reboot'] }]);
    case 'shutdown':
      return planOf([{ file: 'systemctl', args: ['poweroff'] }]);
    case 'lock':
      return planOf([{ file: 'loginctl', args: ['lock-sessions'] }]);
    case 'logoff':
      if (env.user === null || env.user === 'root') return { refused: 'no user is signed in' };
      return planOf([{ file: 'loginctl', args: ['terminate-user', env.user] }]);
    case 'reset_password': {
      const given = credentials(params);
      if ('refused' in given) return given;
      return planOf([
        { file: 'chpasswd', args: [], stdin: `${given.user}:${given.password}\n` },
        // Expired today: the user must choose a new password at the next logon.
        { file: 'chage', args: ['-d', '0', given.user] },
      ]);
    }
    case 'install_software':
      return { refused: 'software installation is not supported on Linux' };
  }
};
