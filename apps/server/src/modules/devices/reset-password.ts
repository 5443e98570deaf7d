import { randomInt } from 'node:crypto';
import type { Language, ResetPasswordParams } from '@atrium/shared';
import { AppError } from '../../lib/app-error';
import type { ContactRow } from '../contacts/contacts.repo';
import type { NewSms } from '../sms/sms.repo';
import type { DeviceRow } from './devices.repo';
import { sealToDevice } from './sealing';

/**
 * The account a password reset resets: the one signed in when the agent last said. None on macOS,
 * whose agent cannot reset a password without a SecureToken admin (SPEC §6).
 */
export function passwordResetAccount(device: DeviceRow): string | null {
  return device.os === 'macos' ? null : device.loggedInUser;
}

// Letters and digits that cannot be misread on a phone's screen (no I/l/1, O/0).
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/**
 * A temporary password: three groups of four, typed once before the user chooses their own. Each
 * group mixes cases and a digit, so Windows' complexity rule (three kinds of character) holds; some
 * 60 bits of entropy, for a password that lives until its first use.
 */
export function temporaryPassword(): string {
  const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)] ?? '';
  const all = UPPER + LOWER + DIGITS;
  const group = () => {
    const chars = [pick(UPPER), pick(LOWER), pick(DIGITS)];
    while (chars.length < GROUP_LENGTH) chars.push(pick(all));
    // Shuffled (Fisher–Yates), so the kinds are not always in the same places.
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
    }
    return chars.join('');
  };
  return Array.from({ length: GROUPS }, group).join('-');
}

const PASSWORD_TEXT: Record<Language, (account: string, hostname: string, password: string) => string> = {
  en: (account, hostname, password) =>
    `Temporary password for ${account} on ${hostname}: ${password} — you will choose your own when you sign in.`,
  fr: (account, hostname, password) =>
    `Mot de passe temporaire pour ${account} sur ${hostname} : ${password} — vous choisirez le vôtre à la connexion.`,
  de: (account, hostname, password) =>
    `Vorläufiges Passwort für ${account} auf ${hostname}: ${password} – bei der Anmeldung wählen Sie Ihr eigenes.`,
  es: (account, hostname, password) =>
    `Contraseña temporal de ${account} en ${hostname}: ${password}. Elegirá la suya al iniciar sesión.`,
  it: (account, hostname, password) =>
    `Password temporanea per ${account} su ${hostname}: ${password}. Sceglierai la tua all'accesso.`,
};

/**
 * What a password reset sends (SPEC §5, §6): the account and a fresh password sealed to the device
 * for this action alone, and the text that tells the password to the contact's confirmed number,
 * held until the agent reports it set. The password exists in clear only in this function's frame
 * and in that one text: never in the action, the audit log, a response or a log line.
 */
export function passwordReset(
  device: DeviceRow,
  contact: ContactRow,
  actionId: string,
): { params: ResetPasswordParams; text: NewSms } {
  const account = passwordResetAccount(device);
  if (!account) {
    throw new AppError(
      'rule_refused',
      'Nobody is signed in on this device, so there is no account to reset the password of.',
    );
  }
  if (!contact.phone || !contact.phoneVerified) {
    throw new AppError(
      'phone_not_confirmed',
      `${contact.firstName} ${contact.lastName} has no confirmed mobile number to text the temporary password to.`,
    );
  }
  const password = temporaryPassword();
  return {
    params: { user: account, password: sealToDevice(device.publicKey, password, actionId) },
    text: {
      to: contact.phone,
      body: PASSWORD_TEXT[contact.language](account, device.hostname, password),
      contactId: contact.id,
      heldFor: actionId,
    },
  };
}
