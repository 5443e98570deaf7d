import { type TicketStatus, TicketStatusCreateSchema, TicketStatusUpdateSchema } from '@atrium/shared';
import { type FormEvent, type Ref, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useCached } from '../../lib/use-load';
import { ConfirmButton } from '../../ui/confirm-button';
import { Dialog } from '../../ui/dialog';
import { CheckboxField, FormProblemAlert, TextField } from '../../ui/field';
import { fieldError, useSubmit } from '../../ui/form';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { DataTable, Empty } from '../../ui/table';
import { statusLabel } from '../tickets/labels';
import { statusesApi, statusesCache } from './api';

export function StatusesPage() {
  const { t } = useTranslation('console');
  const format = useFormat();
  const statuses = useCached(statusesCache);
  const [editing, setEditing] = useState<TicketStatus | null>(null);
  return (
    <Page title={t('statuses.title')}>
      <p className="muted">{t('statuses.intro')}</p>
      <LoadState load={statuses} />
      {statuses.data && (
        <DataTable caption={t('statuses.title')}>
          <thead>
            <tr>
              <th scope="col">{t('statuses.columns.name')}</th>
              <th scope="col">{t('statuses.columns.closed')}</th>
              <th scope="col">{t('statuses.columns.kind')}</th>
              <th scope="col" className="cell-numeric">
                {t('statuses.columns.position')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('statuses.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {statuses.data.map((status) => (
              <tr key={status.name}>
                <td>{statusLabel(t, status.name)}</td>
                <td>{status.closed ? t('statuses.closedYes') : <Empty />}</td>
                <td>{status.builtin ? t('statuses.builtin') : t('statuses.custom')}</td>
                <td className="cell-numeric">{format.number(status.position)}</td>
                <td className="cell-actions">
                  {!status.builtin && (
                    <>
                      <button
                        type="button"
                        className="button button-quiet button-small"
                        aria-label={t('statuses.editNamed', { name: status.name })}
                        onClick={() => setEditing(status)}
                      >
                        {t('statuses.edit')}
                      </button>
                      <ConfirmButton
                        label={t('statuses.delete')}
                        accessibleLabel={t('statuses.deleteNamed', { name: status.name })}
                        title={t('statuses.deleteTitle', { name: status.name })}
                        danger
                        className="button button-quiet button-small button-danger-quiet"
                        onConfirm={() => statusesApi.remove(status.name)}
                        messageFor={(code) => (code === 'in_use' ? t('statuses.inUse') : undefined)}
                        onDone={statusesCache.invalidate}
                      >
                        <p>{t('statuses.deleteBody')}</p>
                      </ConfirmButton>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <section className="card" aria-labelledby="add-status">
        <h2 id="add-status">{t('statuses.addTitle')}</h2>
        <StatusForm submitLabel={t('statuses.add')} onSaved={statusesCache.invalidate} />
      </section>
      <EditStatusDialog status={editing} onClose={() => setEditing(null)} />
    </Page>
  );
}

function EditStatusDialog({ status, onClose }: { status: TicketStatus | null; onClose: () => void }) {
  const { t } = useTranslation('console');
  const first = useRef<HTMLInputElement>(null);
  return (
    <Dialog open={status !== null} title={t('statuses.editTitle')} onClose={onClose} initialFocus={first}>
      {status && (
        <StatusForm
          status={status}
          inputRef={first}
          submitLabel={t('statuses.save')}
          onSaved={() => {
            onClose();
            statusesCache.invalidate();
          }}
        />
      )}
    </Dialog>
  );
}

type StatusFormProps = {
  status?: TicketStatus;
  submitLabel: string;
  onSaved: () => void;
  inputRef?: Ref<HTMLInputElement>;
};

function StatusForm({ status, submitLabel, onSaved, inputRef }: StatusFormProps) {
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const [name, setName] = useState(status?.name ?? '');
  const [closed, setClosed] = useState(status?.closed ?? false);
  const [added, setAdded] = useState('');
  const create = useSubmit(
    {
      schema: TicketStatusCreateSchema,
      send: statusesApi.create,
      onSuccess: (created) => {
        setName('');
        setClosed(false);
        setAdded(t('statuses.added', { name: created.name }));
        onSaved();
      },
    },
    ts,
  );
  const update = useSubmit(
    {
      schema: TicketStatusUpdateSchema,
      send: (body) => statusesApi.update(status?.name ?? '', body),
      onSuccess: onSaved,
    },
    ts,
  );
  const form = status ? update : create;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.isPending) return;
    setAdded('');
    void form.submit({ name, closed });
  };
  return (
    <form ref={form.formRef} className="stack" onSubmit={submit} noValidate>
      <FormProblemAlert problem={form.problem} />
      <TextField
        ref={inputRef}
        label={t('statuses.name')}
        hint={status ? t('statuses.renameHint') : t('statuses.nameHint')}
        value={name}
        maxLength={50}
        onChange={(event) => setName(event.target.value)}
        error={fieldError(form.errors, 'name')}
        className="field-narrow"
      />
      <CheckboxField
        label={t('statuses.closed')}
        hint={t('statuses.closedHint')}
        checked={closed}
        onChange={(event) => setClosed(event.target.checked)}
      />
      <div className="actions">
        <button type="submit" className="button" aria-busy={form.isPending}>
          {submitLabel}
        </button>
        <span role="status" className="form-status">
          {added}
        </span>
      </div>
    </form>
  );
}
