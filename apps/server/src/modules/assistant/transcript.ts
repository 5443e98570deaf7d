import type { Language } from '@atrium/shared';
import type { AssistantReply, ChatTurn } from './provider';

/** The assistant's answer when the contact asks for a person from the chat. */
export const ESCALATED_TEXT: Record<Language, string> = {
  en: 'I have passed our conversation to the support team: a technician will get back to you on this ticket.',
  fr: 'J’ai transmis notre conversation à l’équipe support : un technicien vous répondra sur ce ticket.',
  de: 'Ich habe unser Gespräch an das Support-Team weitergegeben: Ein Techniker meldet sich bei Ihnen über dieses Ticket.',
  es: 'He pasado nuestra conversación al equipo de soporte: un técnico le responderá en este ticket.',
  it: 'Ho passato la nostra conversazione al team di supporto: un tecnico ti risponderà su questo ticket.',
};

/** Said on the chat's ticket when the contact asks for a person and the ticket already exists. */
export const ESCALATION_REQUEST: Record<Language, string> = {
  en: 'I would like to talk to a person.',
  fr: 'Je voudrais parler à une personne.',
  de: 'Ich möchte mit einer Person sprechen.',
  es: 'Quisiera hablar con una persona.',
  it: 'Vorrei parlare con una persona.',
};

/** Each line of the contact's text as a quote: what they typed cannot pass for the transcript's own structure. */
const quoted = (text: string) =>
  text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');

/**
 * Turns of a chat as the Markdown a ticket holds (SPEC §7): who said what, the articles offered
 * and the action proposed. Technicians read it in the ticket; it is written once, never edited.
 */
export function transcriptOf(
  contactName: string,
  turns: ChatTurn[],
  reply?: Pick<AssistantReply, 'articles' | 'proposedAction'>,
): string {
  const parts = turns.map((turn) =>
    turn.role === 'user' ? `**${contactName}:**\n\n${quoted(turn.text)}` : `**Assistant:** ${turn.text}`,
  );
  if (reply?.articles?.length) {
    parts.push(`Articles offered: ${reply.articles.map((article) => `“${article.title}”`).join(', ')}`);
  }
  if (reply?.proposedAction) {
    const { type, hostname, softwareName } = reply.proposedAction;
    parts.push(
      `Proposed, waiting for the contact to confirm: ${type.replaceAll('_', ' ')} on ${hostname}${
        softwareName ? ` (${softwareName})` : ''
      }`,
    );
  }
  return parts.join('\n\n');
}
