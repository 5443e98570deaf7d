import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

/**
 * A private Dovecot IMAP server for one test file: Debian's `dovecot` binary with a configuration of
 * its own in a temporary directory (never /etc/dovecot), on a free loopback port, one user with a
 * password, maildir storage, no TLS. The system's Dovecot service, if any, is not involved.
 */

const BINARY = '/usr/sbin/dovecot';
/** From dovecot-imapd: without it Dovecot runs but serves no IMAP. */
const IMAP_SERVICE = '/usr/lib/dovecot/imap';

export type Dovecot = {
  user: string;
  password: string;
  port: number;
  /** IMAP_URL for Atrium: imap://user:password@127.0.0.1:port/INBOX */
  url: string;
  /** A signed-in IMAP client, closed after `work`. */
  withClient<T>(work: (client: ImapFlow) => Promise<T>): Promise<T>;
  stop(): Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** uid and gid of a system account, from /etc/passwd. */
function account(name: string): { uid: number; gid: number } {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!uid || !gid)
    throw new Error(`Dovecot needs the system account "${name}" (the dovecot-core package creates it).`);
  return { uid: Number(uid), gid: Number(gid) };
}

/** Resolves once the server greets on the port; rejects with Dovecot's own output if it exits first. */
function ready(child: ChildProcess, port: number, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 15_000;
    const exited = (code: number | null) =>
      reject(new Error(`Dovecot exited (code ${code}) before serving:\n${output()}`));
    child.once('exit', exited);
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('data', (greeting) => {
        socket.destroy();
        if (!greeting.toString().startsWith('* OK')) return retry();
        child.off('exit', exited);
        resolve();
      });
      socket.once('error', () => retry());
    };
    const retry = () => {
      if (Date.now() > deadline) {
        child.off('exit', exited);
        reject(new Error(`Dovecot did not answer on port ${port} within 15 s:\n${output()}`));
      } else setTimeout(attempt, 100);
    };
    attempt();
  });
}

export async function startDovecot(): Promise<Dovecot> {
  if (!fs.existsSync(BINARY) || !fs.existsSync(IMAP_SERVICE)) {
    throw new Error(
      'The IMAP tests need Debian’s Dovecot and it is not installed: run `apt-get install -y dovecot-imapd` ' +
        '(`bash .ci/run` does it on a fresh machine).',
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-dovecot-'));
  // Dovecot's unprivileged processes must reach the mail and the password file below it.
  fs.chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail']) fs.mkdirSync(path.join(dir, sub));
  const port = await freePort();
  const user = 'atrium';
  const password = 'imap-test-password';
  fs.writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`);

  // As root, Dovecot drops to its own accounts (created by the Debian package) and refuses to store
  // mail as root; as anyone else, every process simply runs as that user.
  const isRoot = process.getuid?.() === 0;
  const me = os.userInfo().username;
  const internal = isRoot ? 'dovecot' : me;
  const login = isRoot ? 'dovenull' : me;
  if (isRoot) {
    const mail = account(internal);
    account(login);
    fs.chownSync(path.join(dir, 'mail'), mail.uid, mail.gid);
  }
  fs.writeFileSync(
    path.join(dir, 'dovecot.conf'),
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = /dev/stderr
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${internal}
default_internal_group = ${internal}
default_login_user = ${login}
mail_location = maildir:${dir}/mail/%u
mail_uid = ${internal}
mail_gid = ${internal}
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = home=${dir}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`,
  );

  let output = '';
  const child = spawn(BINARY, ['-F', '-c', path.join(dir, 'dovecot.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  try {
    await ready(child, port, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    user,
    password,
    port,
    url: `imap://${user}:${password}@127.0.0.1:${port}/INBOX`,
    async withClient(work) {
      const client = new ImapFlow({
        host: '127.0.0.1',
        port,
        secure: false,
        auth: { user, pass: password },
        logger: false,
      });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.logout();
      }
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
