import { createHash, randomBytes } from 'node:crypto';

/** Opaque bearer secrets (session cookies, API tokens): 256 random bits, stored only as sha256. */
export function newSecret(prefix = ''): { secret: string; hash: string } {
  const secret = prefix + randomBytes(32).toString('base64url');
  return { secret, hash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
