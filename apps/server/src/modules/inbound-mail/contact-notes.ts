import type { Language } from '@atrium/shared';
import { type AttachmentRefusal, refusalText } from '../../lib/uploads';

/** A file of a message that was left out, and why: too large, or refused by its type or name. */
export type RefusedFile = { label: string; why: AttachmentRefusal | { largerThan: number } };

type Notes = {
  empty: string;
  notAttached: (files: string) => string;
  largerThan: (bytes: string) => string;
  refusal: (refusal: AttachmentRefusal) => string;
};

/**
 * What Atrium adds to a ticket or reply made from a mail, in the language of the contact who sent
 * it. Why stored as text and not as a structure each reader renders: it sits inside the Markdown
 * the contact wrote (a description or a comment), which travels as it is to the portal, the
 * console, technicians' mail, search and API clients; a structure would need its own column on
 * tickets and comments and every one of those readers to know it. The contact is the one who must
 * learn that a file did not arrive, as with a follow-up's description (portal/contact-texts.ts);
 * technicians also read the reason in English in the inbound-mail log.
 */
const NOTES: Record<Language, Notes> = {
  en: {
    empty: '(empty message)',
    notAttached: (files) => `Not attached: ${files}`,
    largerThan: (bytes) => `larger than ${bytes} bytes`,
    refusal: refusalText,
  },
  fr: {
    empty: '(message vide)',
    notAttached: (files) => `Fichiers non joints : ${files}`,
    largerThan: (bytes) => `plus de ${bytes} octets`,
    refusal: (refusal) =>
      'contentType' in refusal
        ? `les fichiers de type ${refusal.contentType} ne peuvent pas être joints`
        : `les fichiers *.${refusal.extension} ne peuvent pas être joints`,
  },
  de: {
    empty: '(leere Nachricht)',
    notAttached: (files) => `Nicht angehängt: ${files}`,
    largerThan: (bytes) => `größer als ${bytes} Byte`,
    refusal: (refusal) =>
      'contentType' in refusal
        ? `Dateien vom Typ ${refusal.contentType} können nicht angehängt werden`
        : `Dateien mit der Endung *.${refusal.extension} können nicht angehängt werden`,
  },
  es: {
    empty: '(mensaje vacío)',
    notAttached: (files) => `Archivos no adjuntados: ${files}`,
    largerThan: (bytes) => `más de ${bytes} bytes`,
    refusal: (refusal) =>
      'contentType' in refusal
        ? `no se pueden adjuntar archivos de tipo ${refusal.contentType}`
        : `no se pueden adjuntar archivos *.${refusal.extension}`,
  },
  it: {
    empty: '(messaggio vuoto)',
    notAttached: (files) => `File non allegati: ${files}`,
    largerThan: (bytes) => `più di ${bytes} byte`,
    refusal: (refusal) =>
      'contentType' in refusal
        ? `non è possibile allegare file di tipo ${refusal.contentType}`
        : `non è possibile allegare file *.${refusal.extension}`,
  },
};

/** The body of a reply that came with no text. */
export const emptyMessage = (language: Language): string => NOTES[language].empty;

/** "Not attached: a.exe (files of type … cannot be attached); b.zip (larger than 10,000 bytes)". */
export function notAttached(files: readonly RefusedFile[], language: Language): string {
  const notes = NOTES[language];
  const bytes = new Intl.NumberFormat(language);
  const listed = files.map(({ label, why }) => {
    const reason = 'largerThan' in why ? notes.largerThan(bytes.format(why.largerThan)) : notes.refusal(why);
    return `${label} (${reason})`;
  });
  return notes.notAttached(listed.join('; '));
}
