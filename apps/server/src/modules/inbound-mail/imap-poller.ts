import type { FastifyBaseLogger } from 'fastify';
import type { ImapFlow } from 'imapflow';
import type { ImportOutcome } from './inbound-mail.service';

/** Where handled messages go, when the server lets us have (or create) such a folder. */
export const PROCESSED_FOLDER = 'Processed';

export type PollResult = { handled: number };

export type ImapPoller = {
  /** One poll now; polls never overlap, so this waits for one already running. */
  poll(): Promise<PollResult>;
  stop(): Promise<void>;
};

/** imap[s]://user:password@host:port/MAILBOX, the parts decoded. */
function connection(imapUrl: string) {
  const url = new URL(imapUrl);
  const secure = url.protocol === 'imaps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    mailbox: decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

async function processedFolder(client: ImapFlow): Promise<string | undefined> {
  const folders = await client.list();
  if (folders.some((folder) => folder.path === PROCESSED_FOLDER)) return PROCESSED_FOLDER;
  try {
    await client.mailboxCreate(PROCESSED_FOLDER);
    return PROCESSED_FOLDER;
  } catch {
    return undefined;
  }
}

/**
 * IMAP polling (SPEC §8): every `intervalSeconds`, the unseen messages of the mailbox are imported,
 * then flagged \Seen and moved to `Processed` (or only flagged, where the folder cannot be made).
 * A restart imports nothing twice: handled mail is seen, and the Message-ID is known anyway. A
 * message is flagged only after it is stored; when the database is down the poll stops there and
 * the next one tries again. Errors are logged without the URL, which holds the password.
 */
export function startImapPoller(options: {
  imapUrl: string;
  intervalSeconds: number;
  maxBytes: number;
  importMessage: (raw: Buffer) => Promise<ImportOutcome>;
  recordOversized: (header: Buffer, size: number) => Promise<ImportOutcome>;
  log: FastifyBaseLogger;
}): ImapPoller {
  const { mailbox, ...server } = connection(options.imapUrl);
  const where = { host: server.host, port: server.port, user: server.auth.user, mailbox };
  let running: Promise<PollResult> = Promise.resolve({ handled: 0 });
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function handle(client: ImapFlow, uid: number, target: string | undefined): Promise<void> {
    const range = String(uid);
    const meta = await client.fetchOne(range, { size: true }, { uid: true });
    if (!meta) return;
    if ((meta.size ?? 0) > options.maxBytes) {
      const header = await client.fetchOne(range, { headers: true }, { uid: true });
      await options.recordOversized(
        header ? (header.headers ?? Buffer.alloc(0)) : Buffer.alloc(0),
        meta.size ?? 0,
      );
    } else {
      const message = await client.fetchOne(range, { source: true }, { uid: true });
      const source = message ? message.source : undefined;
      if (!source) return;
      await options.importMessage(source);
    }
    await client.messageFlagsAdd(range, ['\\Seen'], { uid: true });
    if (target) await client.messageMove(range, target, { uid: true });
  }

  async function pollOnce(): Promise<PollResult> {
    // Loaded at the first poll: a server that does not poll IMAP does not hold it (~10 MiB).
    const { ImapFlow } = await import('imapflow');
    const client = new ImapFlow({ ...server, logger: false, disableAutoIdle: true });
    // Without a listener an 'error' event (server gone mid-poll) would take the process down.
    client.on('error', (error: Error) => options.log.warn({ err: error, ...where }, 'IMAP connection error'));
    await client.connect();
    try {
      const target = await processedFolder(client);
      const lock = await client.getMailboxLock(mailbox);
      try {
        const uids = (await client.search({ seen: false }, { uid: true })) || [];
        for (const uid of uids) await handle(client, uid, target);
        return { handled: uids.length };
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  function poll(): Promise<PollResult> {
    running = running.then(pollOnce, pollOnce);
    return running;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      void poll()
        .catch((error: unknown) =>
          options.log.warn({ err: error, ...where }, 'IMAP poll failed; trying again later'),
        )
        .finally(schedule);
    }, options.intervalSeconds * 1000);
  }

  // The first poll right away: mail that came while the server was down is not kept waiting.
  void poll()
    .catch((error: unknown) =>
      options.log.warn({ err: error, ...where }, 'IMAP poll failed; trying again later'),
    )
    .finally(schedule);

  return {
    poll,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
