import {
  type Language,
  TECHNICIAN_ROLES,
  type Technician,
  TechnicianCreateSchema,
  type TechnicianRole,
} from '@atrium/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { isLanguage } from '../../i18n/languages';
import { errorCode } from '../../lib/api';
import { useStore } from '../../lib/store';
import { useLoad } from '../../lib/use-load';
import { ConfirmButton } from '../../ui/confirm-button';
import { Dialog } from '../../ui/dialog';
import { FormProblemAlert, SelectField, TextField } from '../../ui/field';
import { fieldError, useSubmit } from '../../ui/form';
import { LanguageOptions, LanguageSelect } from '../../ui/language-select';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { type SaveState, SaveStatus } from '../../ui/save-status';
import { DataTable } from '../../ui/table';
import { TokenTable } from '../account/token-table';
import { consoleSession, saveLanguage } from '../session';
import { assigneesCache, techniciansApi } from './api';

export function TechniciansPage() {
  const { t } = useTranslation('console');
  const technicians = useLoad('technicians', (signal) => techniciansApi.list(signal));
  const changed = () => {
    assigneesCache.invalidate();
    technicians.reload();
  };
  return (
    <Page title={t('technicians.title')}>
      <LoadState load={technicians} />
      {technicians.data && <TechnicianTable technicians={technicians.data} onChanged={changed} />}
      <section className="card" aria-labelledby="add-technician">
        <h2 id="add-technician">{t('technicians.addTitle')}</h2>
        <AddTechnicianForm onAdded={changed} />
      </section>
    </Page>
  );
}

function TechnicianTable({ technicians, onChanged }: { technicians: Technician[]; onChanged: () => void }) {
  const { t } = useTranslation('console');
  const format = useFormat();
  const me = useStore(consoleSession);
  const [tokensOf, setTokensOf] = useState<Technician | null>(null);
  return (
    <>
      <DataTable caption={t('technicians.title')}>
        <thead>
          <tr>
            <th scope="col">{t('technicians.columns.name')}</th>
            <th scope="col">{t('technicians.columns.email')}</th>
            <th scope="col">{t('technicians.columns.role')}</th>
            <th scope="col">{t('technicians.columns.language')}</th>
            <th scope="col">{t('technicians.columns.since')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('technicians.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {technicians.map((technician) => {
            const isMe = technician.id === me?.id;
            return (
              <tr key={technician.id}>
                <td>
                  {technician.name} {isMe && <span className="muted">{t('technicians.you')}</span>}
                </td>
                <td>{technician.email}</td>
                <td>
                  <RoleSelect technician={technician} disabled={isMe} onChanged={onChanged} />
                </td>
                <td>
                  <TechnicianLanguageSelect technician={technician} isMe={isMe} onChanged={onChanged} />
                </td>
                <td className="cell-date">{format.date(technician.createdAt)}</td>
                <td className="cell-actions">
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    aria-label={t('technicians.showTokensNamed', { name: technician.name })}
                    onClick={() => setTokensOf(technician)}
                  >
                    {t('technicians.showTokens')}
                  </button>
                  {!isMe && (
                    <ConfirmButton
                      label={t('technicians.delete')}
                      accessibleLabel={t('technicians.deleteNamed', { name: technician.name })}
                      title={t('technicians.deleteTitle', { name: technician.name })}
                      danger
                      className="button button-quiet button-small button-danger-quiet"
                      onConfirm={() => techniciansApi.remove(technician.id)}
                      onDone={onChanged}
                    >
                      <p>{t('technicians.deleteBody')}</p>
                    </ConfirmButton>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
      <TokensDialog technician={tokensOf} onClose={() => setTokensOf(null)} />
    </>
  );
}

/** An admin's view of one technician's API tokens, each revocable. */
function TokensDialog({ technician, onClose }: { technician: Technician | null; onClose: () => void }) {
  const { t } = useTranslation('console');
  const tokens = useLoad(
    `technician-tokens:${technician?.id ?? ''}`,
    (signal) => (technician ? techniciansApi.tokens(technician.id, signal) : Promise.resolve([])),
    technician === null,
  );
  const name = technician?.name ?? '';
  return (
    <Dialog open={technician !== null} title={t('technicians.tokensOf', { name })} onClose={onClose}>
      <LoadState load={tokens} />
      {technician &&
        tokens.data &&
        (tokens.data.length === 0 ? (
          <p className="muted">{t('technicians.noTokens', { name })}</p>
        ) : (
          <TokenTable
            caption={t('technicians.tokensOf', { name })}
            tokens={tokens.data}
            revoke={(tokenId) => techniciansApi.revokeToken(technician.id, tokenId)}
            onRevoked={tokens.reload}
          />
        ))}
      <div className="actions">
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('technicians.close')}
        </button>
      </div>
    </Dialog>
  );
}

/** Saved on change; admins cannot demote themselves (the server refuses it too). */
function RoleSelect({
  technician,
  disabled,
  onChanged,
}: {
  technician: Technician;
  disabled: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation('console');
  const [role, setRole] = useState<TechnicianRole>(technician.role);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const change = async (next: TechnicianRole) => {
    setRole(next);
    setState({ kind: 'saving' });
    try {
      await techniciansApi.update(technician.id, { role: next });
      setState({ kind: 'saved' });
      onChanged();
    } catch (error) {
      setRole(technician.role);
      setState({ kind: 'failed', code: errorCode(error) });
    }
  };
  return (
    <span className="inline-status">
      <select
        aria-label={t('technicians.roleOf', { name: technician.name })}
        value={role}
        disabled={disabled}
        onChange={(event) => void change(event.target.value as TechnicianRole)}
      >
        {TECHNICIAN_ROLES.map((value) => (
          <option key={value} value={value}>
            {t(`technicians.roles.${value}`)}
          </option>
        ))}
      </select>
      <SaveStatus state={state} />
    </span>
  );
}

/** Saved on change, like the role. An admin's own choice also switches their console at once. */
function TechnicianLanguageSelect({
  technician,
  isMe,
  onChanged,
}: {
  technician: Technician;
  isMe: boolean;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation('console');
  const [language, setLanguage] = useState<Language>(technician.language);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const change = async (next: Language) => {
    setLanguage(next);
    setState({ kind: 'saving' });
    try {
      if (isMe) {
        if (!(await saveLanguage(i18n, next))) return;
      } else {
        await techniciansApi.update(technician.id, { language: next });
      }
      setState({ kind: 'saved' });
      onChanged();
    } catch (error) {
      setLanguage(technician.language);
      setState({ kind: 'failed', code: errorCode(error) });
    }
  };
  return (
    <span className="inline-status">
      <select
        aria-label={t('technicians.languageOf', { name: technician.name })}
        value={language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void change(event.target.value);
        }}
      >
        <LanguageOptions />
      </select>
      <SaveStatus state={state} />
    </span>
  );
}

function AddTechnicianForm({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const me = useStore(consoleSession);
  // Colleagues most often read the language of the admin who adds them.
  const empty = {
    name: '',
    email: '',
    role: 'technician' as TechnicianRole,
    language: me?.language ?? 'en',
    password: '',
  };
  const [draft, setDraft] = useState(empty);
  const [added, setAdded] = useState('');
  const form = useSubmit(
    {
      schema: TechnicianCreateSchema,
      send: techniciansApi.create,
      onSuccess: (technician) => {
        setDraft(empty);
        setAdded(t('technicians.added', { name: technician.name }));
        onAdded();
      },
      fieldForCode: { email_taken: 'email' },
    },
    ts,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.isPending) return;
    setAdded('');
    void form.submit(draft);
  };
  return (
    <form ref={form.formRef} className="stack" onSubmit={submit} noValidate>
      <FormProblemAlert problem={form.problem} />
      <div className="form-grid">
        <TextField
          label={t('technicians.name')}
          value={draft.name}
          onChange={(event) => setDraft({ ...draft, name: event.target.value })}
          error={fieldError(form.errors, 'name')}
          autoComplete="off"
        />
        <TextField
          label={t('technicians.email')}
          type="email"
          value={draft.email}
          onChange={(event) => setDraft({ ...draft, email: event.target.value })}
          error={fieldError(form.errors, 'email')}
          autoComplete="off"
        />
        <SelectField
          label={t('technicians.role')}
          options={TECHNICIAN_ROLES.map((value) => ({ value, label: t(`technicians.roles.${value}`) }))}
          value={draft.role}
          onChange={(event) => setDraft({ ...draft, role: event.target.value as TechnicianRole })}
          error={fieldError(form.errors, 'role')}
        />
        <LanguageSelect
          label={t('technicians.language')}
          value={draft.language}
          onChange={(language) => setDraft({ ...draft, language })}
        />
        <TextField
          label={t('technicians.password')}
          hint={t('technicians.passwordHint')}
          type="password"
          value={draft.password}
          onChange={(event) => setDraft({ ...draft, password: event.target.value })}
          error={fieldError(form.errors, 'password')}
          autoComplete="new-password"
        />
      </div>
      <div className="actions">
        <button type="submit" className="button" aria-busy={form.isPending}>
          {t('technicians.add')}
        </button>
        <span role="status" className="form-status">
          {added}
        </span>
      </div>
    </form>
  );
}
