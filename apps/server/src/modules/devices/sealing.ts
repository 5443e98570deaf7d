import {
  createCipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import { SEALED_SECRET_ALGORITHM, SEALED_SECRET_INFO, type SealedSecret } from '@atrium/shared';

/** SPKI's fixed 12-byte header for X25519, then the key's 32 raw bytes. */
const X25519_SPKI_HEADER = Buffer.from('302a300506032b656e032100', 'hex');
const FIELD_PRIME = 2n ** 255n - 19n;

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

const littleEndianToBigInt = (bytes: Buffer) =>
  BigInt(`0x${Buffer.from(bytes).reverse().toString('hex') || '0'}`);
const bigIntToLittleEndian = (value: bigint) =>
  Buffer.from(value.toString(16).padStart(64, '0'), 'hex').reverse();

/**
 * A device's Ed25519 identity key as the X25519 key of the same secret (RFC 7748 §4.1's birational
 * map, u = (1 + y) / (1 − y)), as libsodium's `crypto_sign_ed25519_pk_to_curve25519` does: secrets
 * reach the device under the key it enrolled, with no second key to enroll, store or rotate.
 */
function x25519FromEd25519(publicKeyX: string): Buffer {
  const encoded = Buffer.from(publicKeyX, 'base64url');
  if (encoded.length !== 32) throw new Error('not a 32-byte Ed25519 public key');
  const yBytes = Buffer.from(encoded);
  yBytes[31] = (yBytes[31] ?? 0) & 0x7f; // the top bit is the sign of x, which u does not need
  const y = littleEndianToBigInt(yBytes);
  const denominator = (1n - y + FIELD_PRIME) % FIELD_PRIME;
  if (denominator === 0n) throw new Error('the Ed25519 key has no X25519 form');
  const u = ((1n + y) * modPow(denominator, FIELD_PRIME - 2n, FIELD_PRIME)) % FIELD_PRIME;
  return bigIntToLittleEndian(u);
}

/**
 * Seals `secret` so that only the device holding `publicKeyX`'s private key can read it, and only
 * as part of the action `actionId` (the associated data). The ephemeral private key is dropped
 * here: nobody, the server included, can open it afterwards.
 */
export function sealToDevice(publicKeyX: string, secret: string, actionId: string): SealedSecret {
  const recipient = x25519FromEd25519(publicKeyX);
  const recipientKey = createPublicKey({
    key: Buffer.concat([X25519_SPKI_HEADER, recipient]),
    format: 'der',
    type: 'spki',
  });
  const ephemeral = generateKeyPairSync('x25519');
  const epk = ephemeral.publicKey.export({ format: 'der', type: 'spki' }).subarray(X25519_SPKI_HEADER.length);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipientKey });
  // Bound to both public keys, as the agent derives it: a blob cannot be re-aimed at another key.
  const key = Buffer.from(
    hkdfSync('sha256', shared, Buffer.concat([epk, recipient]), SEALED_SECRET_INFO, 32),
  );
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(actionId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return {
    alg: SEALED_SECRET_ALGORITHM,
    epk: epk.toString('base64url'),
    iv: iv.toString('base64url'),
    ciphertext: ciphertext.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
  };
}
