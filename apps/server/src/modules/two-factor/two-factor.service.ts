import type { ErrorCode, Language, TwoFactorStatus } from '@atrium/shared';
import type { Db } from '../../db/client';
import type { ContactActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { recordAudit } from '../audit/audit.repo';
import { type ContactRow, findContactById, updateContact } from '../contacts/contacts.repo';
import { requireFeature } from '../portal/portal.policy';
import type { PortalConfigSource } from '../portal/portal-config';
import type { NewSms } from '../sms/sms.repo';
import {
  type CodeCheck,
  type CodePurpose,
  type CodeRow,
  checkCode,
  countRecentSends,
  insertCode,
  latestCode,
  lockSends,
} from './two-factor.repo';

/** Sends allowed per contact and per number in a window: enough to retry, too few to flood. */
const SENDS_PER_WINDOW = 5;
const SEND_WINDOW_SECONDS = 15 * 60;

const CODE_TEXT: Record<Language, (code: string) => string> = {
  en: (code) => `Your verification code: ${code}. It expires in 5 minutes. Never share it.`,
  fr: (code) => `Votre code de vérification : ${code}. Il expire dans 5 minutes. Ne le partagez jamais.`,
  de: (code) => `Ihr Bestätigungscode: ${code}. Er läuft in 5 Minuten ab. Geben Sie ihn nie weiter.`,
  es: (code) => `Su código de verificación: ${code}. Caduca en 5 minutos. No lo comparta nunca.`,
  it: (code) => `Il tuo codice di verifica: ${code}. Scade tra 5 minuti. Non condividerlo mai.`,
};

/** Each refusal has its own code, so the portal words it in the contact's language. */
const REFUSED = {
  wrong: 'code_wrong',
  expired: 'code_expired',
  exhausted: 'code_exhausted',
  used: 'code_used',
} as const satisfies Record<Exclude<CodeCheck, 'right'>, ErrorCode>;

/** Queues a text message in the caller's transaction; `kick` sends what was queued, after commit. */
export type SmsQueue = {
  queue(db: Db, sms: NewSms): Promise<void>;
  kick(): void;
};

/**
 * SMS two-factor checks (SPEC §5): a contact proves a number is theirs with a code, then every
 * self-service action needs a fresh code sent to it. Codes are hashed, expire after five minutes,
 * allow five attempts; sends are limited per contact and per number.
 */
export function createTwoFactorService(db: Db, portalConfig: PortalConfigSource, sms: SmsQueue) {
  /** The contact, when self-service is theirs: text messages cost the MSP, so nobody else sends any. */
  async function contactOf(actor: ContactActor): Promise<ContactRow> {
    requireFeature((await portalConfig.get()).settings, actor, 'selfService');
    const contact = await findContactById(db, actor.id);
    if (!contact) throw new AppError('unauthenticated');
    return contact;
  }

  /** A code to `phone` in the caller's transaction, unless this contact or number had enough. */
  async function sendCode(
    tx: Db,
    contact: ContactRow,
    phone: string,
    purpose: CodePurpose,
    actionId?: string,
  ): Promise<CodeRow> {
    await lockSends(tx, [contact.id, phone]);
    const recent = await countRecentSends(tx, contact.id, phone, SEND_WINDOW_SECONDS);
    if (recent.contact >= SENDS_PER_WINDOW || recent.phone >= SENDS_PER_WINDOW) {
      throw new AppError('rate_limited', 'Too many codes were sent. Wait a few minutes and try again.');
    }
    const { code, row } = await insertCode(tx, { contactId: contact.id, purpose, phone, actionId });
    await sms.queue(tx, { to: phone, body: CODE_TEXT[contact.language](code), contactId: contact.id });
    return row;
  }

  async function status(contact: ContactRow): Promise<TwoFactorStatus> {
    const pending = await latestCode(db, contact.id, 'phone');
    const open = pending && !pending.usedAt && pending.expiresAt.getTime() > Date.now() ? pending : undefined;
    return {
      phone: contact.phone,
      phoneVerified: contact.phoneVerified,
      pendingPhone: open?.phone ?? null,
      codeExpiresAt: open?.expiresAt.toISOString() ?? null,
    };
  }

  /** Refuses a code that is not right, saying why. */
  function accept(result: CodeCheck): void {
    if (result !== 'right') throw new AppError(REFUSED[result]);
  }

  return {
    status: async (actor: ContactActor) => status(await contactOf(actor)),

    /** "Save and send code": the number becomes the contact's once they type the code back. */
    async sendPhoneCode(actor: ContactActor, phone: string): Promise<TwoFactorStatus> {
      const contact = await contactOf(actor);
      await db.transaction((tx) => sendCode(tx, contact, phone, 'phone'));
      sms.kick();
      return status(contact);
    },

    async verifyPhone(actor: ContactActor, code: string): Promise<TwoFactorStatus> {
      const contact = await contactOf(actor);
      const sent = await latestCode(db, contact.id, 'phone');
      if (!sent) throw new AppError('rule_refused', 'No code was sent. Enter your number first.');
      accept(await checkCode(db, sent, code));
      const verified = await db.transaction(async (tx) => {
        const row = await updateContact(tx, contact.id, { phone: sent.phone, phoneVerified: true });
        await recordAudit(tx, {
          actor,
          action: 'contact.phone_verified',
          target: { type: 'contact', id: contact.id },
          details: { phone: sent.phone },
        });
        return row;
      });
      return status(verified ?? contact);
    },

    /** Deleting the number resets 2FA: the next action needs a number proven again. */
    async removePhone(actor: ContactActor): Promise<TwoFactorStatus> {
      const contact = await contactOf(actor);
      const removed = await db.transaction(async (tx) => {
        const row = await updateContact(tx, contact.id, { phone: null, phoneVerified: false });
        await recordAudit(tx, {
          actor,
          action: 'contact.phone_removed',
          target: { type: 'contact', id: contact.id },
        });
        return row;
      });
      return status(removed ?? contact);
    },

    /** The code that allows one action, to the contact's confirmed number, in the action's transaction. */
    async sendActionCode(tx: Db, contact: ContactRow, actionId: string): Promise<CodeRow> {
      if (!contact.phone || !contact.phoneVerified) throw new AppError('phone_not_confirmed');
      return sendCode(tx, contact, contact.phone, 'action', actionId);
    },

    /** The action's latest code, checked; it must have gone to the number that is still theirs. */
    async checkActionCode(contact: ContactRow, actionId: string, code: string): Promise<CodeCheck> {
      const sent = await latestCode(db, contact.id, 'action', actionId);
      if (!sent || !contact.phoneVerified || sent.phone !== contact.phone) return 'expired';
      return checkCode(db, sent, code);
    },

    /** Once the transaction that queued a code has committed: it goes out now. */
    kick: () => sms.kick(),

    /** Refuses a code that is not right, saying why. */
    accept,
  };
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
