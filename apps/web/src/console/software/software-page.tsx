import {
  SOFTWARE_NAME_MAX,
  type Software,
  SoftwareCreateSchema,
  SoftwareUpdateSchema,
  softwarePackageProblems,
} from '@atrium/shared';
import { type FormEvent, type Ref, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCached } from '../../lib/use-load';
import { ConfirmButton } from '../../ui/confirm-button';
import { Dialog } from '../../ui/dialog';
import { CheckboxField, FormProblemAlert, TextField } from '../../ui/field';
import { type FieldErrors, fieldError, useSubmit } from '../../ui/form';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { DataTable } from '../../ui/table';
import { softwareApi, softwareCache } from './api';

export function SoftwarePage() {
  const { t } = useTranslation('console');
  const catalog = useCached(softwareCache);
  const [editing, setEditing] = useState<Software | null>(null);
  return (
    <Page title={t('software.title')}>
      <p className="muted">{t('software.intro')}</p>
      <p className="alert alert-warning">{t('software.noLinux')}</p>
      <LoadState load={catalog} />
      {catalog.data &&
        (catalog.data.length === 0 ? (
          <p className="empty">{t('software.none')}</p>
        ) : (
          <DataTable caption={t('software.title')}>
            <thead>
              <tr>
                <th scope="col">{t('software.columns.name')}</th>
                <th scope="col">{t('software.columns.packages')}</th>
              </tr>
            </thead>
            <tbody>
              {catalog.data.map((entry) => (
                <CatalogRow key={entry.id} entry={entry} onEdit={() => setEditing(entry)} />
              ))}
            </tbody>
          </DataTable>
        ))}
      <section className="card" aria-labelledby="add-software">
        <h2 id="add-software">{t('software.addTitle')}</h2>
        <SoftwareForm submitLabel={t('software.add')} onSaved={softwareCache.invalidate} />
      </section>
      <EditSoftwareDialog entry={editing} onClose={() => setEditing(null)} />
    </Page>
  );
}

function CatalogRow({ entry, onEdit }: { entry: Software; onEdit: () => void }) {
  const { t } = useTranslation('console');
  return (
    <tr>
      {/* The buttons sit under the name rather than in a column of their own: two columns fit a phone. */}
      <td className="stack">
        <div>{entry.name}</div>
        <div className="actions">
          <button
            type="button"
            className="button button-quiet button-small"
            aria-label={t('software.editNamed', { name: entry.name })}
            onClick={onEdit}
          >
            {t('software.edit')}
          </button>
          <ConfirmButton
            label={t('software.delete')}
            accessibleLabel={t('software.deleteNamed', { name: entry.name })}
            title={t('software.deleteTitle', { name: entry.name })}
            danger
            className="button button-quiet button-small button-danger-quiet"
            onConfirm={() => softwareApi.remove(entry.id)}
            onDone={softwareCache.invalidate}
          >
            <p>{t('software.deleteBody')}</p>
          </ConfirmButton>
        </div>
      </td>
      {/* A line per system, Linux included: every entry says it gets no catalog installs (SPEC §2). */}
      <td>
        <dl className="facts">
          <dt>{t('devices.oses.windows')}</dt>
          <dd>{entry.chocolatey ? <code>{entry.chocolatey}</code> : t('software.notOffered')}</dd>
          <dt>{t('devices.oses.macos')}</dt>
          <dd>
            {entry.homebrew ? <code>{entry.homebrew}</code> : t('software.notOffered')}{' '}
            {entry.homebrew && entry.homebrewCask && <span className="badge">{t('software.cask')}</span>}
          </dd>
          <dt>{t('devices.oses.linux')}</dt>
          <dd>{t('software.noLinuxInstalls')}</dd>
        </dl>
      </td>
    </tr>
  );
}

function EditSoftwareDialog({ entry, onClose }: { entry: Software | null; onClose: () => void }) {
  const { t } = useTranslation('console');
  const first = useRef<HTMLInputElement>(null);
  return (
    <Dialog open={entry !== null} title={t('software.editTitle')} onClose={onClose} initialFocus={first}>
      {entry && (
        <SoftwareForm
          entry={entry}
          inputRef={first}
          submitLabel={t('software.save')}
          onSaved={() => {
            onClose();
            softwareCache.invalidate();
          }}
        />
      )}
    </Dialog>
  );
}

type SoftwareFormProps = {
  entry?: Software;
  submitLabel: string;
  onSaved: () => void;
  inputRef?: Ref<HTMLInputElement>;
};

/** An empty box means "not offered on that system": it is sent as null. */
const idOrNull = (value: string) => (value.trim() === '' ? null : value);

function SoftwareForm({ entry, submitLabel, onSaved, inputRef }: SoftwareFormProps) {
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const [name, setName] = useState(entry?.name ?? '');
  const [chocolatey, setChocolatey] = useState(entry?.chocolatey ?? '');
  const [homebrew, setHomebrew] = useState(entry?.homebrew ?? '');
  const [homebrewCask, setHomebrewCask] = useState(entry?.homebrewCask ?? false);
  const [added, setAdded] = useState('');
  const hasHomebrew = homebrew.trim() !== '';

  // The shared rule, in the page's words rather than the schema's generic "not valid". (The cask box
  // is off while there is no Homebrew id, so the rule's other problem cannot arise here.)
  const check = (input: { chocolatey?: string | null; homebrew?: string | null }): FieldErrors => {
    const problems = softwarePackageProblems({
      chocolatey: input.chocolatey ?? null,
      homebrew: input.homebrew ?? null,
      homebrewCask: false,
    });
    return problems.length > 0 ? { chocolatey: t('software.needsOneId') } : {};
  };
  const create = useSubmit(
    {
      schema: SoftwareCreateSchema,
      send: softwareApi.create,
      check,
      onSuccess: (created) => {
        setName('');
        setChocolatey('');
        setHomebrew('');
        setHomebrewCask(false);
        setAdded(t('software.added', { name: created.name }));
        onSaved();
      },
    },
    ts,
  );
  const update = useSubmit(
    {
      schema: SoftwareUpdateSchema,
      send: (body) => softwareApi.update(entry?.id ?? '', body),
      check,
      onSuccess: onSaved,
    },
    ts,
  );
  const form = entry ? update : create;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.isPending) return;
    setAdded('');
    void form.submit({
      name,
      chocolatey: idOrNull(chocolatey),
      homebrew: idOrNull(homebrew),
      homebrewCask: hasHomebrew && homebrewCask,
    });
  };
  return (
    <form ref={form.formRef} className="stack" onSubmit={submit} noValidate>
      <FormProblemAlert problem={form.problem} />
      <TextField
        ref={inputRef}
        label={t('software.name')}
        hint={t('software.nameHint')}
        value={name}
        maxLength={SOFTWARE_NAME_MAX}
        onChange={(event) => setName(event.target.value)}
        error={fieldError(form.errors, 'name')}
        className="field-narrow"
      />
      <TextField
        label={t('software.chocolatey')}
        hint={t('software.chocolateyHint')}
        value={chocolatey}
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        onChange={(event) => setChocolatey(event.target.value)}
        error={fieldError(form.errors, 'chocolatey')}
        className="field-narrow"
      />
      <TextField
        label={t('software.homebrew')}
        hint={t('software.homebrewHint')}
        value={homebrew}
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        onChange={(event) => setHomebrew(event.target.value)}
        error={fieldError(form.errors, 'homebrew')}
        className="field-narrow"
      />
      <CheckboxField
        label={t('software.homebrewCask')}
        hint={t('software.homebrewCaskHint')}
        checked={hasHomebrew && homebrewCask}
        disabled={!hasHomebrew}
        onChange={(event) => setHomebrewCask(event.target.checked)}
        error={fieldError(form.errors, 'homebrewCask')}
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
