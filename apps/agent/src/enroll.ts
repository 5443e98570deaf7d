import { setTimeout as sleep } from 'node:timers/promises';
import { type AgentEnroll, type AgentEnrolled, AgentEnrolledSchema } from '@atrium/shared';
import { type Backoff, fullJitterDelay } from './backoff';
import { AgentStartError } from './errors';
import { describeError, type Logger } from './log';
import { importServerKeys } from './pinned-keys';

type Attempt = { enrolled: AgentEnrolled } | { refused: string } | { retry: string };

export type EnrollOptions = { log: Logger; backoff: Backoff; signal?: AbortSignal };

/**
 * Trades the enrollment token for a device id and the server keys to pin. A refusal (bad, expired
 * or used-up token) is final; an unreachable or failing server is retried with backoff, since an
 * agent is often installed before the network is up.
 */
export async function enroll(
  serverUrl: string,
  request: AgentEnroll,
  options: EnrollOptions,
): Promise<AgentEnrolled> {
  for (let attempt = 0; ; attempt++) {
    const outcome = await postEnroll(serverUrl, request, options.signal);
    if ('enrolled' in outcome) return outcome.enrolled;
    if ('refused' in outcome) throw new AgentStartError(`enrollment refused: ${outcome.refused}`);
    const delay = fullJitterDelay(attempt, options.backoff);
    options.log.warn(`enrollment failed (${outcome.retry}); retrying in ${(delay / 1000).toFixed(1)} s`);
    await sleep(delay, undefined, { signal: options.signal });
  }
}

async function postEnroll(serverUrl: string, request: AgentEnroll, signal?: AbortSignal): Promise<Attempt> {
  let response: Response;
  try {
    response = await fetch(`${serverUrl}/agent/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      // A redirect would carry the token to wherever it points.
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    return { retry: describeError(error) };
  }
  if (response.status >= 500 || response.status === 429)
    return { retry: `the server answered ${response.status}` };
  if (response.status >= 300 && response.status < 400)
    return {
      refused: `the server redirected the request (${response.status}); give its final address as --server`,
    };
  const body = await response.json().catch(() => null);
  if (response.status >= 400)
    return { refused: errorMessage(body) ?? `the server answered ${response.status}` };
  return parseEnrolled(body);
}

function parseEnrolled(body: unknown): Attempt {
  const enrolled = AgentEnrolledSchema.safeParse(body);
  // Not retried: the token may be used up by now, and a second try would only be refused.
  if (!enrolled.success) return { refused: "the server's answer was not understood" };
  if (!importServerKeys(enrolled.data.serverKeys))
    return { refused: 'the server sent no usable signing key' };
  return { enrolled: enrolled.data };
}

function errorMessage(body: unknown): string | null {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? message.slice(0, 500) : null;
}
