/** An id for something kept in this browser only; `crypto.randomUUID` needs https, this does not. */
export function localId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
