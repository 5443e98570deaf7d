import type { CredentialsMail, CredentialsMailSkip } from '@atrium/shared';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { queueMail } from '../mail/mail.repo';
import type { MailTemplatesService } from '../mail/mail-templates.service';
import { createMessageIds } from '../mail/message-ids';
import { hasPortal } from '../portal/portal.policy';
import type { SettingsService } from '../settings/settings.service';
import type { ContactRow } from './contacts.repo';

/** No mail, and why. */
export function skippedMail(reason: CredentialsMailSkip): CredentialsMail {
  return { emailQueued: false, emailSkipped: reason };
}

/**
 * Queues the mail that hands a contact their portal credentials, in the contact's language: the one
 * place every welcome and reset mail passes, so none goes to a contact whose customer has no portal
 * feature (there would be nothing to sign in to; a contact without a customer has none either).
 */
export function createCredentialsMail(
  config: Config,
  settings: SettingsService,
  templates: MailTemplatesService,
) {
  const ids = createMessageIds(config);
  return async function queueCredentialsMail(
    tx: Db,
    contact: ContactRow,
    password: string,
    kind: 'welcome' | 'credentialsReset',
  ): Promise<CredentialsMail> {
    const portal = await settings.portalWithin(tx);
    if (!hasPortal(portal, contact.customerId)) return skippedMail('no_portal');
    const render = await templates.load(tx);
    const rendered = render(kind, contact.language, {
      firstName: contact.firstName,
      lastName: contact.lastName,
      companyName: portal.branding.name,
      portalUrl: portal.portalUrl,
      username: contact.username,
      password,
    });
    await queueMail(tx, [
      {
        kind,
        to: contact.email,
        contactId: contact.id,
        ...rendered,
        messageId: ids.next(),
        headers: { 'Auto-Submitted': 'auto-generated' },
      },
    ]);
    return { emailQueued: true, emailSkipped: null };
  };
}

export type QueueCredentialsMail = ReturnType<typeof createCredentialsMail>;
