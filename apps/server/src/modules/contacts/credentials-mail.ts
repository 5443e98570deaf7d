import type { QueuedMail } from '../mail/mail.repo';
import type { ContactRow } from './contacts.repo';

/**
 * The message that hands a contact their portal credentials. Per-language templates editable in the
 * console come with the email issue; until then every contact gets this English text.
 */
export function credentialsMail(
  contact: ContactRow,
  password: string,
  portalUrl: string,
  kind: 'welcome' | 'credentials_reset',
): QueuedMail {
  const opening =
    kind === 'welcome'
      ? 'An account has been created for you on our support portal.'
      : 'Your support portal password has been reset.';
  return {
    kind,
    to: contact.email,
    contactId: contact.id,
    subject: kind === 'welcome' ? 'Your support portal account' : 'Your new support portal password',
    text: [
      `Hello ${contact.firstName},`,
      '',
      opening,
      '',
      `Portal: ${portalUrl}`,
      `Username: ${contact.username}`,
      `Password: ${password}`,
      '',
      'You can change your password in the portal settings after signing in.',
    ].join('\n'),
  };
}
