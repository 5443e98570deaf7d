import path from 'node:path';
import { HEARTBEAT_SECONDS, PASSWORD_MIN_LENGTH } from '@atrium/shared';
import { z } from 'zod';

/**
 * The only reader of the environment (SPEC §10). Everything is parsed once at boot; a bad value
 * stops the server with every problem listed, so an operator fixes them in one go.
 */

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/**
 * What may be attached to tickets, by the media type a file's bytes show (`type/*` and `prefix.*`
 * wildcards allowed). Whatever this list says, lib/uploads.ts refuses what a browser would run (HTML,
 * XML, SVG) and programs.
 */
const DEFAULT_ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/bmp',
  'image/tiff',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/json',
  'message/rfc822',
  'application/zip',
  'application/x-zip-compressed',
  'application/x-7z-compressed',
  'application/gzip',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.ms-outlook',
  'application/vnd.openxmlformats-officedocument.*',
  'application/vnd.oasis.opendocument.*',
  'application/rtf',
];

const port = z.coerce.number().int().min(1).max(65535);
const urlWith = (protocols: string[], example: string) =>
  z
    .url({ error: `must be a URL such as ${example}` })
    .refine(
      (value) => protocols.includes(new URL(value).protocol),
      `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    );

const EnvSchema = z.object({
  PORT: optional(port).default(3000),
  HOST: optional(z.string()).default('127.0.0.1'),
  PUBLIC_URL: optional(urlWith(['http:', 'https:'], 'https://help.example.com')),
  DATABASE_URL: optional(urlWith(['postgres:', 'postgresql:'], 'postgres://user:password@host:5432/atrium')),
  DATABASE_POOL_SIZE: optional(z.coerce.number().int().min(1).max(200)).default(10),
  DATA_DIR: optional(z.string()).default('./data'),
  /** How often agents beat (SPEC §6: 30 s); a device is offline after three missed beats. */
  AGENT_HEARTBEAT_SECONDS: optional(z.coerce.number().int().min(1).max(300)).default(HEARTBEAT_SECONDS),
  ATRIUM_ADMIN_EMAIL: optional(z.email({ error: 'must be an email address' })),
  ATRIUM_ADMIN_PASSWORD: optional(
    z.string().min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`),
  ),
  SMTP_URL: optional(urlWith(['smtp:', 'smtps:'], 'smtps://user:password@mail.example.com:465')),
  MAIL_FROM: optional(z.string()).default('Atrium <atrium@localhost>'),
  MAIL_SEND_TIMEOUT_SECONDS: optional(z.coerce.number().int().min(1).max(600)).default(60),
  /** 0 listens on a free port (tests). */
  INBOUND_SMTP_PORT: optional(z.coerce.number().int().min(0).max(65535)),
  INBOUND_MAIL_MAX_BYTES: optional(
    z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 ** 3),
  ).default(40 * 1024 * 1024),
  IMAP_URL: optional(urlWith(['imap:', 'imaps:'], 'imaps://user:password@mail.example.com:993/INBOX')),
  IMAP_POLL_SECONDS: optional(z.coerce.number().int().min(1).max(86_400)).default(30),
  SMS_PROVIDER: optional(z.enum(['outbox', 'twilio', 'webhook'])).default('outbox'),
  TWILIO_ACCOUNT_SID: optional(z.string()),
  TWILIO_AUTH_TOKEN: optional(z.string()),
  TWILIO_FROM: optional(z.string()),
  TWILIO_API_URL: optional(urlWith(['http:', 'https:'], 'https://api.twilio.com')).default(
    'https://api.twilio.com',
  ),
  SMS_WEBHOOK_URL: optional(urlWith(['http:', 'https:'], 'https://sms.example.com/send')),
  AI_PROVIDER: optional(z.enum(['builtin', 'openai'])).default('builtin'),
  OPENAI_BASE_URL: optional(urlWith(['http:', 'https:'], 'https://api.openai.com/v1')).default(
    'https://api.openai.com/v1',
  ),
  OPENAI_API_KEY: optional(z.string()),
  OPENAI_MODEL: optional(z.string()),
  ACME_DIRECTORY_URL: optional(
    urlWith(['http:', 'https:'], 'https://acme-v02.api.letsencrypt.org/directory'),
  ).default('https://acme-v02.api.letsencrypt.org/directory'),
  ACME_EMAIL: optional(z.email({ error: 'must be an email address' })),
  /** The portal's custom domain over TLS (SPEC §3.1); off unless set. */
  HTTPS_PORT: optional(port),
  /** DNS servers (`host` or `host:port`, comma-separated) for the custom domain's CNAME check. */
  DNS_SERVERS: optional(z.string()).default(''),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).default('info'),
  ATTACHMENT_MAX_BYTES: optional(
    z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 ** 3),
  ).default(25 * 1024 * 1024),
  ATTACHMENT_TYPES: optional(z.string()).default(DEFAULT_ATTACHMENT_TYPES.join(',')),
  /** Reverse proxies (addresses, CIDRs or `loopback`) whose X-Forwarded-For is believed. */
  TRUST_PROXY: optional(z.string()).default(''),
});

/** Settings that only make sense together; checked on the raw values so every problem shows at once. */
function missingCompanions(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const need = (when: boolean, key: string, why: string) => {
    if (when && !env[key]) problems.push(`${key} is required ${why}`);
  };
  need(Boolean(env.ATRIUM_ADMIN_PASSWORD), 'ATRIUM_ADMIN_EMAIL', 'when ATRIUM_ADMIN_PASSWORD is set');
  for (const key of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM']) {
    need(env.SMS_PROVIDER === 'twilio', key, 'when SMS_PROVIDER is twilio');
  }
  need(env.SMS_PROVIDER === 'webhook', 'SMS_WEBHOOK_URL', 'when SMS_PROVIDER is webhook');
  need(env.AI_PROVIDER === 'openai', 'OPENAI_MODEL', 'when AI_PROVIDER is openai');
  return problems;
}

export type Config = {
  port: number;
  host: string;
  publicUrl: URL;
  /** Unset: the embedded database (PGlite) in `dataDir`. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  agents: { heartbeatSeconds: number };
  admin: { email: string | undefined; password: string | undefined };
  mail: {
    smtpUrl: string | undefined;
    from: string;
    /** The bare address of MAIL_FROM, lower-case: names our Message-IDs, and mail from it is a loop. */
    fromAddress: string;
    /** Longest an SMTP step may take; a message being sent is reserved for three times this. */
    sendTimeoutSeconds: number;
    inboundSmtpPort: number | undefined;
    /** The largest inbound message: refused at SMTP time, skipped in the IMAP mailbox. */
    inboundMaxBytes: number;
    imapUrl: string | undefined;
    imapPollSeconds: number;
  };
  sms:
    | { provider: 'outbox' }
    | { provider: 'twilio'; accountSid: string; authToken: string; from: string; apiUrl: string }
    | { provider: 'webhook'; url: string };
  ai:
    | { provider: 'builtin' }
    | { provider: 'openai'; baseUrl: string; apiKey: string | undefined; model: string };
  acme: { directoryUrl: string; email: string | undefined };
  /** Unset: no HTTPS listener, and no certificate is ordered. */
  httpsPort: number | undefined;
  /** Empty: the system's resolvers. */
  dnsServers: string[];
  attachments: { maxBytes: number; types: string[]; dir: string };
  logLevel: string;
  /** Addresses of trusted reverse proxies; empty: the socket address is the client. */
  trustProxy: string[];
  /** Secure cookies when people reach Atrium over https. */
  secureCookies: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Atrium cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): Config {
  const parsed = EnvSchema.safeParse(env);
  const problems = [
    ...(parsed.error?.issues ?? []).map((issue) => {
      const key = issue.path.join('.');
      const value = env[key];
      // Secrets are named, never echoed; a URL with user info may carry a password.
      const secret = /PASSWORD|TOKEN|KEY|SECRET/.test(key) || (key.endsWith('_URL') && value?.includes('@'));
      const shown = value === undefined || secret ? '' : ` (got "${value}")`;
      return `${key} ${issue.message}${shown}`;
    }),
    ...missingCompanions(env),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const publicUrl = new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`);
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    agents: { heartbeatSeconds: e.AGENT_HEARTBEAT_SECONDS },
    admin: { email: e.ATRIUM_ADMIN_EMAIL?.toLowerCase(), password: e.ATRIUM_ADMIN_PASSWORD },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      fromAddress: (/<([^<>]+)>/.exec(e.MAIL_FROM)?.[1] ?? e.MAIL_FROM).trim().toLowerCase(),
      sendTimeoutSeconds: e.MAIL_SEND_TIMEOUT_SECONDS,
      inboundSmtpPort: e.INBOUND_SMTP_PORT,
      inboundMaxBytes: e.INBOUND_MAIL_MAX_BYTES,
      imapUrl: e.IMAP_URL,
      imapPollSeconds: e.IMAP_POLL_SECONDS,
    },
    sms:
      e.SMS_PROVIDER === 'twilio'
        ? {
            provider: 'twilio',
            accountSid: e.TWILIO_ACCOUNT_SID ?? '',
            authToken: e.TWILIO_AUTH_TOKEN ?? '',
            from: e.TWILIO_FROM ?? '',
            apiUrl: e.TWILIO_API_URL,
          }
        : e.SMS_PROVIDER === 'webhook'
          ? { provider: 'webhook', url: e.SMS_WEBHOOK_URL ?? '' }
          : { provider: 'outbox' },
    ai:
      e.AI_PROVIDER === 'openai'
        ? {
            provider: 'openai',
            baseUrl: e.OPENAI_BASE_URL,
            apiKey: e.OPENAI_API_KEY,
            model: e.OPENAI_MODEL ?? '',
          }
        : { provider: 'builtin' },
    acme: { directoryUrl: e.ACME_DIRECTORY_URL, email: e.ACME_EMAIL },
    httpsPort: e.HTTPS_PORT,
    dnsServers: e.DNS_SERVERS.split(',')
      .map((server) => server.trim())
      .filter(Boolean),
    attachments: {
      maxBytes: e.ATTACHMENT_MAX_BYTES,
      types: e.ATTACHMENT_TYPES.split(',')
        .map((type) => type.trim().toLowerCase())
        .filter(Boolean),
      dir: path.join(path.resolve(cwd, e.DATA_DIR), 'attachments'),
    },
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY.split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
    secureCookies: publicUrl.protocol === 'https:',
  };
}
