import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('starts with no settings at all: embedded database in ./data, port 3000, outbox mail and SMS', () => {
    const config = loadConfig({}, '/srv/atrium');
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: '/srv/atrium/data',
      sms: { provider: 'outbox' },
      ai: { provider: 'builtin' },
      httpsPort: undefined,
      dnsServers: [],
      secureCookies: false,
    });
    expect(config.publicUrl.href).toBe('http://localhost:3000/');
  });

  it('reads the custom domain settings: the HTTPS port and the DNS servers of the CNAME check', () => {
    const config = loadConfig({ HTTPS_PORT: '8443', DNS_SERVERS: '127.0.0.1:8053, 9.9.9.9' });
    expect(config).toMatchObject({ httpsPort: 8443, dnsServers: ['127.0.0.1:8053', '9.9.9.9'] });
    expect(() => loadConfig({ HTTPS_PORT: '70000' })).toThrow(/HTTPS_PORT/);
  });

  it('lists every problem at once, naming each variable and what it expects', () => {
    const env = {
      PORT: 'eighty',
      PUBLIC_URL: 'ftp://help.example.com',
      DATABASE_URL: 'mysql://db/atrium',
      SMS_PROVIDER: 'twilio',
      ATRIUM_ADMIN_PASSWORD: 'short',
    };
    let problems: string[] = [];
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      problems = (error as ConfigError).problems;
    }
    const text = problems.join('\n');
    for (const key of [
      'PORT',
      'PUBLIC_URL',
      'DATABASE_URL',
      'ATRIUM_ADMIN_PASSWORD',
      'TWILIO_ACCOUNT_SID',
      'TWILIO_FROM',
    ]) {
      expect(text).toContain(key);
    }
    expect(text).toContain('"eighty"');
    // A secret is named, never echoed.
    expect(text).not.toContain('short');
  });

  it('names a bad URL but never prints the password inside it', () => {
    const env = {
      SMTP_URL: 'http://mailer:smtp-pass@mail.example',
      DATABASE_URL: 'mysql://root:db-pass@db.example/atrium',
      IMAP_URL: 'pop3://me:imap-pass@mail.example',
      PUBLIC_URL: 'ftp://help.example',
    };
    const text = String(
      (() => {
        try {
          loadConfig(env);
        } catch (error) {
          return error;
        }
      })(),
    );
    for (const key of Object.keys(env)) expect(text).toContain(key);
    expect(text).not.toMatch(/smtp-pass|db-pass|imap-pass/);
    expect(text).toContain('"ftp://help.example"');
  });

  it('asks for the admin email when only the admin password is given', () => {
    expect(() => loadConfig({ ATRIUM_ADMIN_PASSWORD: 'a-long-enough-password' })).toThrow(
      /ATRIUM_ADMIN_EMAIL is required/,
    );
  });

  it('uses Secure cookies behind an https PUBLIC_URL and treats empty variables as unset', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://help.msp.example', DATABASE_URL: '', PORT: '' });
    expect(config.secureCookies).toBe(true);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.port).toBe(3000);
  });
});
