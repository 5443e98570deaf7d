import type { Client } from './factories';

/** The code in the latest text message to `phone`, read from the SMS outbox as an admin reads it. */
export async function codeTextedTo(admin: Client, phone: string): Promise<string> {
  const outbox = (await admin.get('/api/v1/outbox/sms?pageSize=100')).json();
  const sms = outbox.items.find((item: { to: string }) => item.to === phone);
  const code = /\b(\d{6})\b/.exec(sms?.body ?? '')?.[1];
  if (!code) throw new Error(`no code was texted to ${phone}`);
  return code;
}

/** Another six digits than `code`. */
export const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
