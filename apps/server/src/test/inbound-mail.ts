import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { unique } from './factories';

const CORPUS = fileURLToPath(new URL('../modules/inbound-mail/corpus/', import.meta.url));

/**
 * A message of the test corpus with its `{{placeholders}}` filled in (`from`, `number`,
 * `inReplyTo`, `domain`…). `{{id}}` is unique per call, so every call is a new Message-ID.
 * Read and written as latin1: the bytes go through exactly as they are in the file.
 */
export function corpusMail(name: string, values: Record<string, string | number> = {}): Buffer {
  let text = fs.readFileSync(path.join(CORPUS, name), 'latin1');
  for (const [key, value] of Object.entries({ id: unique('msg'), ...values })) {
    text = text.replaceAll(`{{${key}}}`, String(value));
  }
  return Buffer.from(text, 'latin1');
}

/** Delivers a raw message to an SMTP server on loopback, as a relaying mail server would. */
export async function deliverBySmtp(
  port: number,
  raw: Buffer,
  envelope: { from: string; to: string[] } = { from: 'sender@relay.example', to: ['help@msp.example'] },
) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail({ envelope, raw });
  } finally {
    transport.close();
  }
}
