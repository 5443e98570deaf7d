import { type PasswordChange, PasswordChangeSchema } from '@atrium/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblemAlert, TextField } from './field';
import { fieldError, useSubmit } from './form';

const EMPTY = { currentPassword: '', newPassword: '' };

export type PasswordChangeLabels = {
  title: string;
  intro?: string;
  current: string;
  new: string;
  hint: string;
  submit: string;
  saved: string;
};

/**
 * A signed-in person's own password, in either app: the current one proves it is them, then the new
 * one (the server ends their other sessions).
 */
export function PasswordChangeForm({
  send,
  labels,
}: {
  send: (input: PasswordChange) => Promise<unknown>;
  labels: PasswordChangeLabels;
}) {
  const { t: ts } = useTranslation('shared');
  const headingId = useId();
  const [draft, setDraft] = useState(EMPTY);
  const [saved, setSaved] = useState(false);
  const form = useSubmit(
    {
      schema: PasswordChangeSchema,
      send,
      onSuccess: () => {
        setDraft(EMPTY);
        setSaved(true);
      },
      fieldForCode: { wrong_password: 'currentPassword' },
    },
    ts,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.isPending) return;
    setSaved(false);
    void form.submit(draft);
  };
  return (
    <form ref={form.formRef} className="card stack" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <h2 id={headingId}>{labels.title}</h2>
      {labels.intro && <p className="muted">{labels.intro}</p>}
      <FormProblemAlert problem={form.problem} />
      <TextField
        label={labels.current}
        type="password"
        value={draft.currentPassword}
        onChange={(event) => setDraft({ ...draft, currentPassword: event.target.value })}
        error={fieldError(form.errors, 'currentPassword')}
        autoComplete="current-password"
      />
      <TextField
        label={labels.new}
        hint={labels.hint}
        type="password"
        value={draft.newPassword}
        onChange={(event) => setDraft({ ...draft, newPassword: event.target.value })}
        error={fieldError(form.errors, 'newPassword')}
        autoComplete="new-password"
      />
      <div className="actions">
        <button type="submit" className="button" aria-busy={form.isPending}>
          {labels.submit}
        </button>
        <span role="status" className="form-status">
          {saved ? labels.saved : ''}
        </span>
      </div>
    </form>
  );
}
