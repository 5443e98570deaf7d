import { describe, expect, it } from 'vitest';
import { ticketTitle } from './message';
import { trimQuotedText } from './quoted-text';

describe('quoted history in replies', () => {
  it('goes from the attribution line on, in each language of the portal', () => {
    for (const attribution of [
      'On Mon, 3 Jun 2024 at 10:00, Helpdesk <help@msp.example> wrote:',
      'Le lun. 3 juin 2024 à 10:00, Helpdesk <help@msp.example> a écrit :',
      'Am Mo., 3. Juni 2024 um 10:00 Uhr schrieb Helpdesk <help@msp.example>:',
      'El lun, 3 jun 2024 a las 10:00, Helpdesk (<help@msp.example>) escribió:',
      'Il giorno lun 3 giu 2024 alle ore 10:00 Helpdesk <help@msp.example> ha scritto:',
    ]) {
      expect(trimQuotedText(`Thanks, fixed.\n\n${attribution}\n> Did the update help?`)).toBe(
        'Thanks, fixed.',
      );
    }
  });

  it('goes from Outlook’s header block on, in English or French', () => {
    const english = 'Done.\n\n-----Original Message-----\nFrom: Helpdesk\nSent: Monday\nSubject: x\n\nold';
    const french =
      'Merci.\n\n________________________________\nDe : Helpdesk\nEnvoyé : lundi\nObjet : x\n\nold';
    expect(trimQuotedText(english)).toBe('Done.');
    expect(trimQuotedText(french)).toBe('Merci.');
  });

  it('keeps an answer written under the quote, in each language of the portal', () => {
    for (const attribution of [
      'On Mon, 3 Jun 2024 at 10:00, Helpdesk <help@msp.example> wrote:',
      'Le lun. 3 juin 2024 à 10:00, Helpdesk <help@msp.example> a écrit :',
      'Am Mo., 3. Juni 2024 um 10:00 Uhr schrieb Helpdesk <help@msp.example>:',
      'El lun, 3 jun 2024 a las 10:00, Helpdesk (<help@msp.example>) escribió:',
      'In data lunedì 3 giugno 2024 10:00, Helpdesk ha scritto:',
    ]) {
      expect(trimQuotedText(`${attribution}\n> Did the update help?\n>\n> Helpdesk\n\nYes, thanks.`)).toBe(
        'Yes, thanks.',
      );
    }
    expect(
      trimQuotedText(
        'Le lun. 3 juin 2024 à 10:00, Helpdesk <help@msp.example>\na écrit :\n> Question ?\n\nRéponse.',
      ),
    ).toBe('Réponse.');
  });

  it('goes from an Outlook or Lotus Notes header block on, in each language of the portal', () => {
    for (const block of [
      'From: Helpdesk\nSent: Monday, June 3, 2024 10:00\nTo: Jane\nSubject: Printer',
      'De : Helpdesk\nEnvoyé : lundi 3 juin 2024 10:00\nÀ : Jane\nObjet : Imprimante',
      'Von: Helpdesk\nGesendet: Montag, 3. Juni 2024 10:00\nAn: Jane\nBetreff: Drucker',
      'De: Helpdesk\nEnviado el: lunes, 3 de junio de 2024 10:00\nPara: Jane\nAsunto: Impresora',
      'Da: Helpdesk\nInviato: lunedì 3 giugno 2024 10:00\nA: Jane\nOggetto: Stampante',
      'Von: Helpdesk/MSP\nAn: Jane/ACME\nDatum: 03.06.2024 10:00\nBetreff: Drucker',
      'De: Helpdesk/MSP\nPara: Jane/ACME\nFecha: 03/06/2024 10:00\nAsunto: Impresora',
      '-----Helpdesk/MSP wrote: -----',
      'Helpdesk <help@msp.example>\n03.06.2024 10:00\n\nAn\njane@acme.example\nKopie\n\nThema\nDrucker',
      'Helpdesk <help@msp.example>\n03/06/2024 10:00\n\nTo\njane@acme.example\ncc\n\nSubject\nPrinter',
    ]) {
      expect(trimQuotedText(`Done.\n\nJane\n\n${block}\n\nPlease restart it.`), block).toBe('Done.\n\nJane');
    }
  });

  it('drops quoted lines between answers, and keeps a message that is nothing but a quote', () => {
    expect(trimQuotedText('> question one\nanswer one\n> question two\nanswer two')).toBe(
      'answer one\nanswer two',
    );
    expect(trimQuotedText('> only a quote')).toBe('> only a quote');
  });

  it('keeps a "From:" line that starts no header block', () => {
    expect(trimQuotedText('From: the accounting team, nobody can print.\n\nRegards')).toBe(
      'From: the accounting team, nobody can print.\n\nRegards',
    );
  });
});

describe('ticket titles from subjects', () => {
  it('lose reply and forward prefixes in several languages, and our [#number] tag', () => {
    expect(ticketTitle('RE: AW: [#42] Printer')).toBe('Printer');
    expect(ticketTitle('Fwd: TR: WG: Licence')).toBe('Licence');
    expect(ticketTitle('Re[2]: Printer')).toBe('Printer');
    expect(ticketTitle('Antwort: AW: Drucker')).toBe('Drucker');
    expect(ticketTitle('R: I: Rif: Stampante')).toBe('Stampante');
    expect(ticketTitle('RV: RE: Impresora')).toBe('Impresora');
    expect(ticketTitle('TR : RE : Imprimante')).toBe('Imprimante');
    expect(ticketTitle('Enc: Fwd: Impressora')).toBe('Impressora');
    expect(ticketTitle('Information: printers')).toBe('Information: printers');
    expect(ticketTitle('   ')).toBe('(no subject)');
  });
});
