import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { queueMail } from '../mail/mail.repo';
import type { MailTemplatesService } from '../mail/mail-templates.service';
import { createMessageIds } from '../mail/message-ids';
import type { SettingsService } from '../settings/settings.service';
import type { ContactRow } from './contacts.repo';

/** Queues the mail that hands a contact their portal credentials, in the contact's language. */
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
  ): Promise<void> {
    const portal = await settings.portalWithin(tx);
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
  };
}

export type QueueCredentialsMail = ReturnType<typeof createCredentialsMail>;
