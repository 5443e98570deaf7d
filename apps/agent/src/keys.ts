import {
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { SEALED_SECRET_INFO, type SealedSecret } from '@atrium/shared';

/**
 * Ed25519 for both directions: the device key proves the agent's identity, the pinned server keys
 * prove that a command comes from the server. Public keys travel as a JWK's `x` (32 raw bytes).
 */

export function generateDeviceKey(): KeyObject {
  return generateKeyPairSync('ed25519').privateKey;
}

export function exportPrivateKeyPem(privateKey: KeyObject): string {
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** Returns null when the PEM is not an Ed25519 private key. */
export function importPrivateKeyPem(pem: string): KeyObject | null {
  try {
    const key = createPrivateKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

/** SPKI's fixed 12-byte header for Ed25519, then the key's 32 raw bytes. */
const SPKI_HEADER_BYTES = 12;

/**
 * The raw public bytes (a JWK's `x`), read from DER: Node 20 can deadlock exporting a JWK of a key
 * that `generateKeyPairSync` just made, when garbage collection frees the job that made it meanwhile.
 */
export function publicKeyX(privateKey: KeyObject): string {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
  return createPublicKey(privateKey)
    .export({ format: 'der', type: 'spki' })
    .subarray(SPKI_HEADER_BYTES)
    .toString('base64url');
}

/** Returns null when `x` is not an Ed25519 public key. */
export function importPublicKeyX(x: string): KeyObject | null {
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
  } catch {
    return null;
  }
}

export function signBytes(privateKey: KeyObject, bytes: Uint8Array): string {
  return sign(null, bytes, privateKey).toString('base64url');
}

export function verifyBytes(publicKey: KeyObject, bytes: Uint8Array, signature: string): boolean {
  const raw = Buffer.from(signature, 'base64url');
  // Ed25519 signatures are 64 bytes; anything else cannot verify and need not be tried.
  return raw.length === 64 && verify(null, bytes, publicKey, raw);
}

/** DER headers before the 32 raw bytes of an X25519 key: PKCS#8 (private) and SPKI (public). */
const X25519_PKCS8_HEADER = Buffer.from('302e020100300506032b656e04220420', 'hex');
const X25519_SPKI_HEADER = Buffer.from('302a300506032b656e032100', 'hex');

/**
 * The device key's X25519 form (libsodium's `crypto_sign_ed25519_sk_to_curve25519`): the first half
 * of SHA-512 of the Ed25519 seed is the scalar both forms share. It is what the server seals to.
 */
function x25519Of(deviceKey: KeyObject): KeyObject {
  const seed = deviceKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  const scalar = createHash('sha512').update(seed).digest().subarray(0, 32);
  return createPrivateKey({
    key: Buffer.concat([X25519_PKCS8_HEADER, scalar]),
    format: 'der',
    type: 'pkcs8',
  });
}

/**
 * Opens a secret the server sealed to this device for the action `actionId` (a temporary password);
 * null when it was not sealed to this key, for this action, or was changed on the way.
 */
export function openSealed(deviceKey: KeyObject, sealed: SealedSecret, actionId: string): string | null {
  try {
    const privateKey = x25519Of(deviceKey);
    const recipient = createPublicKey(privateKey)
      .export({ format: 'der', type: 'spki' })
      .subarray(X25519_SPKI_HEADER.length);
    const epk = Buffer.from(sealed.epk, 'base64url');
    const publicKey = createPublicKey({
      key: Buffer.concat([X25519_SPKI_HEADER, epk]),
      format: 'der',
      type: 'spki',
    });
    const shared = diffieHellman({ privateKey, publicKey });
    const key = Buffer.from(
      hkdfSync('sha256', shared, Buffer.concat([epk, recipient]), SEALED_SECRET_INFO, 32),
    );
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64url'));
    decipher.setAAD(Buffer.from(actionId, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, 'base64url')),
      decipher.final(),
    ]);
    return plain.toString('utf8');
  } catch {
    return null;
  }
}
