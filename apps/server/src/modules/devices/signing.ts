import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { type AgentCommand, commandSigningBytes, type ServerKey } from '@atrium/shared';
import type { Db } from '../../db/client';
import { insertSigningKey, listActiveSigningKeys } from './devices.repo';

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

/** First start (under the migration lock): the server's signing keys exist before any agent enrolls. */
export async function ensureSigningKeys(db: Db): Promise<void> {
  const active = await listActiveSigningKeys(db);
  for (let i = active.length; i < ACTIVE_KEYS; i++) await insertSigningKey(db, newSigningKey());
}

export type CommandSigner = {
  /** What an enrolling agent pins. */
  keys: ServerKey[];
  sign(command: AgentCommand): { keyId: string; signature: string };
};

/** The oldest active key signs; the others are pinned, ready to take over. */
export async function loadCommandSigner(db: Db): Promise<CommandSigner> {
  const active = await listActiveSigningKeys(db);
  const current = active[0];
  if (!current) throw new Error('no agent signing key: the database was not bootstrapped');
  const privateKey = createPrivateKey(current.privateKey);
  return {
    keys: active.map((key) => ({ id: key.id, publicKey: key.publicKey })),
    sign: (command) => ({
      keyId: current.id,
      signature: sign(null, commandSigningBytes(command), privateKey).toString('base64url'),
    }),
  };
}
