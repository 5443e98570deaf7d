import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';

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
