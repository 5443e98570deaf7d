import { MAIL_KINDS, type MailKind } from '@atrium/shared';

/** The outbox lists kinds as strings: a kind this build does not know is shown as it is. */
export function isMailKind(value: string): value is MailKind {
  return (MAIL_KINDS as readonly string[]).includes(value);
}
