import { describe, expect, it } from 'vitest';
import { installPlan } from './install';

const options = {
  node: '/usr/bin/node',
  serverUrl: 'https://help.example.com',
  stateDir: '/var/lib/atrium-agent',
};

describe('installPlan', () => {
  it('registers a systemd unit that restarts the agent, without the token', () => {
    const plan = installPlan('linux', options);
    expect(plan.program).toBe('/opt/atrium-agent/atrium-agent.mjs');
    const unit = plan.files[0];
    expect(unit?.path).toBe('/etc/systemd/system/atrium-agent.service');
    expect(unit?.content).toContain(
      'ExecStart=/usr/bin/node /opt/atrium-agent/atrium-agent.mjs --server https://help.example.com --state-dir /var/lib/atrium-agent',
    );
    expect(unit?.content).toContain('Restart=always');
    expect(plan.commands).toEqual([
      { file: 'systemctl', args: ['daemon-reload'] },
      { file: 'systemctl', args: ['enable', '--now', 'atrium-agent.service'] },
    ]);
  });

  it('quotes paths with spaces in the unit, and escapes the plist', () => {
    const unit = installPlan('linux', { ...options, stateDir: '/srv/my agent' }).files[0]?.content;
    expect(unit).toContain('--state-dir "/srv/my agent"');
    const plist = installPlan('macos', { ...options, serverUrl: 'https://a.example/?x=1&y=<2>' }).files[0];
    expect(plist?.path).toBe('/Library/LaunchDaemons/com.atrium.agent.plist');
    expect(plist?.content).toContain(
      '<string>/Library/Application Support/Atrium Agent/atrium-agent.mjs</string>',
    );
    expect(plist?.content).toContain('<string>https://a.example/?x=1&amp;y=&lt;2&gt;</string>');
    expect(plist?.content).toContain('<key>KeepAlive</key><true/>');
  });

  it('registers a boot task as SYSTEM on Windows', () => {
    const plan = installPlan('windows', {
      node: 'C:\\Program Files\\nodejs\\node.exe',
      serverUrl: 'https://help.example.com',
      stateDir: 'C:\\ProgramData\\Atrium\\Agent',
    });
    const [create, start] = plan.commands;
    expect(create?.args).toEqual(
      expect.arrayContaining(['/Create', '/SC', 'ONSTART', '/RU', 'SYSTEM', '/TN', 'Atrium Agent']),
    );
    expect(create?.args.at(-1)).toBe(
      '"C:\\Program Files\\nodejs\\node.exe" "C:\\Program Files\\Atrium Agent\\atrium-agent.mjs" --server https://help.example.com --state-dir C:\\ProgramData\\Atrium\\Agent',
    );
    expect(start).toEqual({ file: 'schtasks.exe', args: ['/Run', '/TN', 'Atrium Agent'] });
  });
});
