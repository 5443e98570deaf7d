import type { FastifyRequest } from 'fastify';
import { validationFailed } from './app-error';

/** Half of a surrogate pair: in `u` mode a whole pair is one code point, so only a lone half matches. */
const LONE_SURROGATE = /\p{Cs}/u;

function problemWith(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'contains half of a surrogate pair (not valid Unicode)';
  return undefined;
}

/**
 * Refuses, with a 400 naming the field, any string or object key in `value` that PostgreSQL cannot
 * store: its text and jsonb types refuse U+0000 and lone surrogates. Walked without recursion, so a
 * body nested thousands deep cannot exhaust the stack.
 */
export function assertStorableText(value: unknown, root: string): void {
  const pending: { value: unknown; path: string }[] = [{ value, path: root }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value === 'string') {
      const message = problemWith(next.value);
      if (message) throw validationFailed([{ path: next.path, message }]);
    } else if (typeof next.value === 'object' && next.value !== null) {
      for (const [key, child] of Object.entries(next.value)) {
        const message = problemWith(key);
        if (message) throw validationFailed([{ path: next.path, message: `has a key that ${message}` }]);
        pending.push({ value: child, path: `${next.path}.${key}` });
      }
    }
  }
}

/** A route's params, query string and body as Fastify parsed them, before its schema or a query sees them. */
export function assertStorableRequest(request: FastifyRequest): void {
  assertStorableText(request.params, 'params');
  assertStorableText(request.query, 'querystring');
  assertStorableText(request.body, 'body');
}

/**
 * Text that is not ours to refuse (a received mail) made storable: NUL characters dropped, half
 * surrogate pairs replaced, so one odd byte cannot keep a whole message out.
 */
export function toStorableText(text: string): string {
  return text.replaceAll('\u0000', '').replace(/\p{Cs}/gu, '\uFFFD');
}
