import { type Ticket, type TicketUpdate, TicketUpdateSchema } from '@atrium/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorCode } from '../../lib/api';
import { serverFieldErrors, zodFieldErrors } from '../../ui/form';
import type { SaveState } from '../../ui/save-status';
import { ticketsApi } from './api';

const SAVED_VISIBLE_MS = 4000;

/**
 * Each side-panel field saves itself with a PATCH of that field alone. While it saves, the field
 * shows the new value (`drafts`); on success the ticket from the answer replaces the page's copy, on
 * failure the field goes back to the ticket's value and says why.
 */
export function useFieldSaves(ticket: Ticket, onSaved: (ticket: Ticket) => void) {
  const { t } = useTranslation('shared');
  const [states, setStates] = useState<Record<string, SaveState>>({});
  const [drafts, setDrafts] = useState<Record<string, unknown>>({});
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
    };
  }, []);

  const setState = useCallback((field: string, state: SaveState) => {
    setStates((previous) => ({ ...previous, [field]: state }));
    clearTimeout(timers.current.get(field));
    if (state.kind === 'saved') {
      timers.current.set(
        field,
        setTimeout(
          () => setStates((previous) => ({ ...previous, [field]: { kind: 'idle' } })),
          SAVED_VISIBLE_MS,
        ),
      );
    }
  }, []);

  const save = useCallback(
    async (field: string, patch: TicketUpdate, draft?: unknown) => {
      const parsed = TicketUpdateSchema.safeParse(patch);
      if (!parsed.success) {
        const message = Object.values(zodFieldErrors(parsed.error, t))[0];
        setState(field, { kind: 'failed', code: 'validation_failed', message });
        return;
      }
      if (draft !== undefined) setDrafts((previous) => ({ ...previous, [field]: draft }));
      setState(field, { kind: 'saving' });
      try {
        onSaved(await ticketsApi.update(ticket.id, parsed.data));
        setState(field, { kind: 'saved' });
      } catch (error) {
        // A refused value: the server says what is wrong with it (`customFields.asset_tag: is required`).
        const details = error instanceof ApiError ? serverFieldErrors(error) : {};
        const message = details[field] ?? Object.values(details)[0];
        setState(field, { kind: 'failed', code: errorCode(error), message });
      } finally {
        setDrafts((previous) => {
          const { [field]: _done, ...rest } = previous;
          return rest;
        });
      }
    },
    [ticket.id, onSaved, setState, t],
  );

  /** A value refused before sending (a required custom field emptied). */
  const refuse = useCallback(
    (field: string, message: string) =>
      setState(field, { kind: 'failed', code: 'validation_failed', message }),
    [setState],
  );

  const stateOf = (field: string): SaveState => states[field] ?? { kind: 'idle' };
  return { save, refuse, stateOf, drafts };
}
