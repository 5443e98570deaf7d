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
    expect(ticketTitle('   ')).toBe('(no subject)');
  });
});
