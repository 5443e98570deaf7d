import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomUUID,
  sign,
  verify,
} from 'node:crypto';
import {
  type AgentCommand,
  commandSigningBytes,
  keySetSigningBytes,
  type ServerKey,
  type ServerMessage,
  type SigningKey,
} from '@atrium/shared';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  insertSigningKey,
  listSigningKeys,
  lockSigningKeys,
  retireSigningKey,
  type SigningKeyRow,
} from './devices.repo';

/**
 * Ed25519 keys: the server's, which sign commands, and the devices', which prove a connection. Keys
 * travel as the 32 raw public bytes in base64url (a JWK's `x`).
 */

/** Active keys agents pin: the one that signs and the next one, so rotation strands no agent. */
const ACTIVE_KEYS = 2;

export function publicKeyFrom(x: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

/** False for anything that is not a valid signature by that key, malformed input included. */
export function verifySignature(publicKey: string, bytes: Uint8Array, signature: string): boolean {
  try {
    return verify(null, bytes, publicKeyFrom(publicKey), Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

/** A public key the server accepts as a device's: a real point of the curve, not just 32 bytes. */
export function isPublicKey(x: string): boolean {
  try {
    publicKeyFrom(x);
    return true;
  } catch {
    return false;
  }
}

/** SPKI's fixed 12-byte header for Ed25519, then the key's 32 raw bytes. */
const SPKI_HEADER_BYTES = 12;

/**
 * The raw public bytes, read from DER: Node 20 can deadlock exporting a JWK of a key that
 * `generateKeyPairSync` just made, when garbage collection frees the job that made it meanwhile.
 */
export function rawPublicKey(publicKey: KeyObject): string {
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_HEADER_BYTES).toString('base64url');
}

function newSigningKey() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = rawPublicKey(publicKey);
  return {
    id: createHash('sha256').update(x).digest('hex').slice(0, 16),
    publicKey: x,
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}

/**
 * The keys agents pin when `version` keys have been made: the last ACTIVE_KEYS made, the oldest of
 * which signs. A rotation retires that one and makes one more, so the set of every earlier version
 * can be told again, signed by the key that signed then.
 */
function keysAt<Row>(rows: Row[], version: number): Row[] {
  return rows.slice(Math.max(0, version - ACTIVE_KEYS), version);
}

/** Keys are never deleted: their number grows with every rotation (`rows` are all of them, read at once). */
function keySetVersion(rows: SigningKeyRow[]): number {
  return rows.length;
}

/** First start (under the migration lock): the server's signing keys exist before any agent enrolls. */
export async function ensureSigningKeys(db: Db): Promise<void> {
  const made = keySetVersion(await listSigningKeys(db));
  for (let i = made; i < ACTIVE_KEYS; i++) await insertSigningKey(db, newSigningKey());
}

/**
 * Retires the key that signs and makes a new next one, so the former next key, which every agent
 * pins, signs from now on. In the caller's transaction, with the keys locked: two rotations at once
 * run one after the other, each on what the other committed.
 */
export async function rotateSigningKeys(tx: Db): Promise<{ retired: string; signing: string; next: string }> {
  await lockSigningKeys(tx);
  const rows = await listSigningKeys(tx);
  const [current, following] = keysAt(rows, keySetVersion(rows));
  if (!current || !following) throw new Error('no agent signing keys: the database was not bootstrapped');
  const next = newSigningKey();
  await retireSigningKey(tx, current.id);
  // The clock now, under the lock, not the transaction's start: a rotation that waited for another
  // one comes after it in the keys' order.
  await insertSigningKey(tx, { ...next, createdAt: sql`clock_timestamp()` });
  return { retired: current.id, signing: following.id, next: next.id };
}

/** The keys as the API shows them, oldest first. */
export function presentSigningKeys(rows: SigningKeyRow[]): SigningKey[] {
  const [signing, ...next] = keysAt(rows, keySetVersion(rows));
  return rows.map((row) => ({
    id: row.id,
    publicKey: row.publicKey,
    role: row === signing ? 'signing' : next.includes(row) ? 'next' : 'retired',
    createdAt: row.createdAt.toISOString(),
    retiredAt: row.retiredAt?.toISOString() ?? null,
  }));
}

export type KeySetMessage = Extract<ServerMessage, { type: 'keys' }>;

export type CommandSigner = {
  /** What an enrolling agent pins. */
  keys: ServerKey[];
  /** The number of keys made so far. */
  version: number;
  sign(command: AgentCommand): { keyId: string; signature: string };
  /**
   * The key set of `version` (the current one unless told) for one device's agent to pin, signed by
   * the key that signed that version's commands, which the agent pins while it is one version behind.
   */
  keySet(deviceId: string, version?: number): KeySetMessage;
};

async function loadCommandSigner(db: Db): Promise<CommandSigner> {
  const rows = await listSigningKeys(db);
  const version = keySetVersion(rows);
  const [current] = keysAt(rows, version);
  if (!current) throw new Error('no agent signing key: the database was not bootstrapped');
  const privateKeys = new Map<string, KeyObject>();
  const signBy = (row: SigningKeyRow, bytes: Uint8Array) => {
    const privateKey = privateKeys.get(row.id) ?? createPrivateKey(row.privateKey);
    privateKeys.set(row.id, privateKey);
    return { keyId: row.id, signature: sign(null, bytes, privateKey).toString('base64url') };
  };
  const publicKeys = (set: SigningKeyRow[]) => set.map(({ id, publicKey }) => ({ id, publicKey }));
  return {
    keys: publicKeys(keysAt(rows, version)),
    version,
    sign: (command) => signBy(current, commandSigningBytes(command)),
    keySet(deviceId, at = version) {
      const set = keysAt(rows, at);
      const [signer] = set;
      if (!signer) throw new Error(`no key set of version ${at}`);
      const keys = publicKeys(set);
      return { type: 'keys', keys, version: at, ...signBy(signer, keySetSigningBytes(deviceId, keys, at)) };
    },
  };
}

/** The channel on which a server process tells the others that it rotated the signing keys. */
export const SIGNING_KEYS_CHANNEL = 'atrium_agent_signing_keys';

/**
 * This process's signer, loaded on first use and kept until the keys are rotated, here or in another
 * process (told by a notification, or noticed by `catchUp` if that was lost).
 */
export function createCommandSigning(db: Db) {
  const origin = randomUUID();
  const listeners = new Set<() => void>();
  let cached: Promise<CommandSigner> | undefined;

  const forget = () => {
    cached = undefined;
    for (const listener of listeners) listener();
  };

  const signer = (): Promise<CommandSigner> => {
    if (!cached) {
      const loading = loadCommandSigner(db);
      cached = loading;
      // A failed load is not kept: the next caller tries again.
      loading.catch(() => {
        if (cached === loading) cached = undefined;
      });
    }
    return cached;
  };

  return {
    signer,

    /** In the rotation's transaction: the other processes hear of it once it commits. */
    async announceRotation(tx: Db): Promise<void> {
      await tx.execute(sql`select pg_notify(${SIGNING_KEYS_CHANNEL}, ${origin})`);
    },

    /** After the rotation committed here: this process signs with the new key at once. */
    rotated: forget,

    /** Another process rotated (this one's own notification it knows of already). */
    heard(payload: string): void {
      if (payload !== origin) forget();
    },

    /** A notification lost while the listening connection was down: the version tells. */
    async catchUp(): Promise<void> {
      const held = cached;
      const loaded = await held?.catch(() => undefined);
      if (!loaded) return;
      const version = keySetVersion(await listSigningKeys(db));
      if (cached === held && loaded.version !== version) forget();
    },

    /** Called after every rotation, with the new signer ready to load. */
    onRotated(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type CommandSigning = ReturnType<typeof createCommandSigning>;
