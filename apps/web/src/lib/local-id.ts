/** An id for something kept in this browser only; `crypto.randomUUID` needs https, this does not. */
export function localId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * A random key that makes a request safe to repeat (an Idempotency-Key). `crypto.randomUUID` exists
 * only in secure contexts; a server reached over plain http on the LAN gets the same from
 * `getRandomValues`, which exists everywhere.
 */
export function requestKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
