import {
  type AssistantMessage,
  AssistantMessageCreateSchema,
  type AssistantSession,
  type PortalMe,
} from '@atrium/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorCode } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { portalApi } from '../api';

/** The message on its way and the answer so far, shown until the stored turn replaces them. */
export type PendingTurn = { text: string; answer: string };

function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * The contact's current conversation with the assistant: its id is kept for this tab, so a reload
 * shows it again, and the session is opened on the first message (merely visiting the page stores
 * nothing). `announce` is told each finished answer, for screen readers.
 */
export function useConversation(me: PortalMe, announce: (text: string) => void) {
  const storageKey = `atrium:assistant-session:${me.contact.id}`;
  const load = useLoad(`assistant:${me.contact.id}`, async (signal): Promise<AssistantSession | null> => {
    const id = tabStorage()?.getItem(storageKey);
    if (!id) return null;
    try {
      return (await portalApi.getAssistantSession(id, signal)).session;
    } catch (error) {
      // Gone, or another contact's (someone else signed in on this tab): start afresh.
      if (errorCode(error) !== 'not_found') throw error;
      tabStorage()?.removeItem(storageKey);
      return null;
    }
  });
  const { setData } = load;
  const session = load.data ?? null;
  const [pending, setPending] = useState<PendingTurn | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const streaming = useRef<AbortController | null>(null);
  useEffect(() => () => streaming.current?.abort(), []);

  const open = async (): Promise<AssistantSession> => {
    if (session) return session;
    const created = (await portalApi.createAssistantSession()).session;
    tabStorage()?.setItem(storageKey, created.id);
    setData(created);
    return created;
  };

  /** The conversation as stored, after a failure left it unknown; null when it could not be read. */
  const reread = async (id: string) => {
    const fresh = await portalApi.getAssistantSession(id).then(
      (found) => found.session,
      () => null,
    );
    if (fresh) setData(fresh);
    return fresh;
  };

  /** Sends the message; false when it was not kept (refused, or never arrived), so it can be edited and sent again. */
  const send = async (input: string): Promise<boolean> => {
    const parsed = AssistantMessageCreateSchema.safeParse({ text: input });
    if (!parsed.success || isBusy) return false;
    const { text } = parsed.data;
    setProblem(null);
    setIsBusy(true);
    setPending({ text, answer: '' });
    const controller = new AbortController();
    streaming.current = controller;
    let current: AssistantSession | null = session;
    try {
      current = await open();
      const turn = await portalApi.sendAssistantMessage(
        current.id,
        text,
        (delta) => setPending((previous) => previous && { ...previous, answer: previous.answer + delta }),
        controller.signal,
      );
      const answer = turn.messages.at(-1);
      const opened = current;
      setData({
        ...opened,
        ticket: answer?.ticket ?? opened.ticket,
        messages: [...opened.messages, ...turn.messages],
      });
      if (answer) announce(answer.text);
      return true;
    } catch (error) {
      if (controller.signal.aborted) return false;
      setProblem(errorCode(error));
      // Refused before the answer started: nothing was kept. Otherwise the message may be stored.
      if (!current || (error instanceof ApiError && error.status >= 400)) return false;
      const before = current.messages.length;
      const fresh = await reread(current.id);
      return fresh !== null && fresh.messages.length > before;
    } finally {
      setPending(null);
      setIsBusy(false);
    }
  };

  /** "Talk to a person": the conversation's ticket, and the assistant's message saying so. */
  const escalate = async () => {
    if (isBusy) return;
    setProblem(null);
    setIsBusy(true);
    try {
      const current = await open();
      await portalApi.escalateAssistantSession(current.id);
      const fresh = await reread(current.id);
      const said = fresh?.messages.at(-1);
      if (said) announce(said.text);
    } catch (error) {
      setProblem(errorCode(error));
    } finally {
      setIsBusy(false);
    }
  };

  const restart = useCallback(() => {
    tabStorage()?.removeItem(storageKey);
    setProblem(null);
    setData(null);
  }, [setData, storageKey]);

  const messages: AssistantMessage[] = session?.messages ?? [];
  return { load, session, messages, pending, isBusy, problem, send, escalate, restart };
}
