import { z } from 'zod';

/**
 * A ticket's history as the audit log recorded it, for the console and (filtered) the portal. Apart
 * from the desk and portal schemas, which both build on it.
 */

/** One change: the ticket's status, its billing, or who has it (null: nobody). */
export const TicketChangeSchema = z.discriminatedUnion('field', [
  z.object({ field: z.literal('status'), status: z.string() }),
  z.object({ field: z.literal('billed'), billed: z.boolean() }),
  z.object({
    field: z.literal('technician'),
    technician: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  }),
]);

/** A change by whoever made it. */
export const TicketEventSchema = z.object({
  id: z.string(),
  author: z.object({
    type: z.enum(['contact', 'technician', 'system']),
    id: z.uuid().nullable(),
    name: z.string(),
  }),
  change: TicketChangeSchema,
  createdAt: z.string(),
});
export type TicketEvent = z.infer<typeof TicketEventSchema>;
