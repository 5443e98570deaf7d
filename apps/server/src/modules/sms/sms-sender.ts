import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { createPoller } from '../../lib/poller';
import { claimDueSms, markSmsFailed, markSmsSent, type SmsRow } from './sms.repo';
import type { SmsService } from './sms.service';

const BATCH = 10;
const MAX_ATTEMPTS = 8;
const SEND_TIMEOUT_MS = 15_000;
/** Longer than a batch can take to send and record: a text is sent twice only if its sender died. */
const LEASE_SECONDS = 60;

export type SmsSenderOptions = {
  /** How often an idle sender looks for due texts: retries, and texts queued without a kick here. */
  pollMs?: number;
  /** The wait after a first failed try; it doubles with each try, up to an hour. */
  retryBaseSeconds?: number;
};

type Provider = {
  name: 'twilio' | 'webhook';
  send(sms: SmsRow, signal: AbortSignal): Promise<Response>;
  /** Why the provider refused, for last_error: never the text's body. */
  refusal(status: number, answer: string): string;
};

const basicAuth = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function twilio(config: Extract<Config['sms'], { provider: 'twilio' }>): Provider {
  const url = `${config.apiUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = basicAuth(config.accountSid, config.authToken);
  return {
    name: 'twilio',
    send: (sms, signal) =>
      fetch(url, {
        method: 'POST',
        headers: { authorization },
        body: new URLSearchParams({ To: sms.to, From: config.from, Body: sms.body }),
        signal,
      }),
    refusal(status, answer) {
      // Twilio says why in JSON: {"code": 21211, "message": "Invalid 'To' Phone Number: …", …}.
      let message: unknown;
      try {
        message = (JSON.parse(answer) as { message?: unknown }).message;
      } catch {
        // Not Twilio's JSON (a proxy's error page, say): the status is all there is.
      }
      return typeof message === 'string'
        ? `Twilio answered ${status}: ${message}`
        : `Twilio answered ${status}`;
    },
  };
}

function webhook(config: Extract<Config['sms'], { provider: 'webhook' }>): Provider {
  // fetch refuses a URL with credentials (and would name them in its error): they go in a header.
  const url = new URL(config.url);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (url.username || url.password) {
    headers.authorization = basicAuth(decodeURIComponent(url.username), decodeURIComponent(url.password));
    url.username = '';
    url.password = '';
  }
  return {
    name: 'webhook',
    send: (sms, signal) =>
      fetch(url, { method: 'POST', headers, body: JSON.stringify({ to: sms.to, body: sms.body }), signal }),
    // The answer is not kept: a webhook may echo the text back.
    refusal: (status) => `The webhook answered ${status}`,
  };
}

/** A refusal the provider will repeat (a wrong number, bad credentials): 4xx, except 429 "too many requests". */
const isPermanent = (status: number) => status >= 400 && status < 500 && status !== 429;

/** The reason a request did not get an answer: the cause (ECONNREFUSED, a timeout) says more than "fetch failed". */
function networkError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * Delivers the SMS queue through Twilio or a webhook, a batch of due texts at a time, each marked
 * sent as soon as the provider takes it. Refusals the provider would repeat fail the text at once;
 * anything else (429, 5xx, no answer) is tried again with exponential backoff, up to MAX_ATTEMPTS.
 * Undefined with the outbox provider: nothing leaves the server.
 */
export function createSmsSender(
  db: Db,
  config: Config,
  sms: SmsService,
  log: FastifyBaseLogger,
  { pollMs = 1_000, retryBaseSeconds = 30 }: SmsSenderOptions = {},
) {
  if (config.sms.provider === 'outbox') return undefined;
  const provider = config.sms.provider === 'twilio' ? twilio(config.sms) : webhook(config.sms);
  const retryDelaySeconds = (attempts: number) => Math.min(retryBaseSeconds * 2 ** (attempts - 1), 3_600);

  /** Undefined when sent; otherwise why not, and whether to stop trying. */
  async function attempt(text: SmsRow): Promise<{ error: string; isPermanent: boolean } | undefined> {
    let response: Response;
    let answer: string;
    try {
      response = await provider.send(text, AbortSignal.timeout(SEND_TIMEOUT_MS));
      answer = await response.text();
    } catch (error) {
      return { error: networkError(error), isPermanent: false };
    }
    if (response.ok) return undefined;
    return { error: provider.refusal(response.status, answer), isPermanent: isPermanent(response.status) };
  }

  async function deliver(text: SmsRow): Promise<void> {
    const failure = await attempt(text);
    if (!failure) {
      await markSmsSent(db, text.id);
      return;
    }
    const giveUp = failure.isPermanent || text.attempts >= MAX_ATTEMPTS;
    await markSmsFailed(db, text.id, failure.error, giveUp ? null : retryDelaySeconds(text.attempts));
    // Ids and the provider's answer only: the body carries codes and passwords.
    log.warn(
      { smsId: text.id, provider: provider.name, attempts: text.attempts, giveUp, error: failure.error },
      'SMS not delivered',
    );
  }

  const poller = createPoller(
    'SMS queue',
    async (isStopped) => {
      while (!isStopped()) {
        const due = await claimDueSms(db, BATCH, LEASE_SECONDS);
        await Promise.all(due.map(deliver));
        if (due.length < BATCH) return;
      }
    },
    pollMs,
    log,
  );
  sms.onKick(poller.kick);

  return {
    start: poller.start,
    /** Lets the texts being sent finish. */
    stop: poller.stop,
  };
}
