import { z } from 'zod';

/** SPEC §5 "SMS providers": a text Atrium has queued, as admins follow its delivery in the console. */
export const OutboxSmsSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  /** Codes and temporary passwords: the reason only admins may list these. */
  body: z.string(),
  /** With the outbox provider a text is `sent` as soon as it is stored: the outbox is where it goes. */
  status: z.enum(['queued', 'sent', 'failed']),
  /** Delivery tries so far, and why the last one failed (the provider's answer). */
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxSms = z.infer<typeof OutboxSmsSchema>;
