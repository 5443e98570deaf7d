import { z } from 'zod';
import { type Branding, DEFAULT_PORTAL_SETTINGS } from './portal';

// ---------- the first-run checklist (GET /api/v1/setup, admins)

/** What a new MSP does before Atrium speaks to their customers, in the order the console lists it. */
export const SETUP_ITEMS = ['mspName', 'logo', 'displayName', 'portalCustomers', 'mailDelivery'] as const;
export type SetupItem = (typeof SETUP_ITEMS)[number];

/** `smtp`: SMTP_URL is set and mail is delivered; `outbox`: mail waits in the Outbox. */
export const MAIL_DELIVERIES = ['smtp', 'outbox'] as const;

export const SetupChecklistSchema = z.object({
  items: z.array(z.object({ id: z.enum(SETUP_ITEMS), done: z.boolean() })),
  mailDelivery: z.enum(MAIL_DELIVERIES),
  /** Hidden from the landing page by an admin; the items are still computed. */
  dismissed: z.boolean(),
});
export type SetupChecklist = z.infer<typeof SetupChecklistSchema>;

/** The MSP has named itself once its branding no longer carries the install's default name. */
export function isMspNamed(branding: Pick<Branding, 'name'>): boolean {
  return branding.name !== DEFAULT_PORTAL_SETTINGS.branding.name;
}
