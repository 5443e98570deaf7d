import { type KbCategory, KbCategoryCreateSchema, KbCategoryUpdateSchema, LANGUAGES } from '@atrium/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { LANGUAGE_NAMES } from '../../i18n/languages';
import { useCached } from '../../lib/use-load';
import { ConfirmButton } from '../../ui/confirm-button';
import { Dialog } from '../../ui/dialog';
import { FormProblemAlert, TextField } from '../../ui/field';
import { fieldError, useSubmit } from '../../ui/form';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { DataTable, Empty } from '../../ui/table';
import { fromDraft, LocalizedTextFields, toDraft } from '../localized-text-fields';
import { categoriesCache, kbApi } from './api';

export function CategoriesPage() {
  const { t } = useTranslation('console');
  const format = useFormat();
  const categories = useCached(categoriesCache);
  const [editing, setEditing] = useState<KbCategory | null>(null);

  return (
    <Page title={t('categories.title')} back={<Link to="/kb">{t('articleEditor.back')}</Link>}>
      <LoadState load={categories} />
      {categories.data &&
        (categories.data.length === 0 ? (
          <p className="empty">{t('categories.none')}</p>
        ) : (
          <DataTable caption={t('categories.title')}>
            <thead>
              <tr>
                <th scope="col">{t('categories.columns.name')}</th>
                <th scope="col">{t('categories.columns.translations')}</th>
                <th scope="col" className="cell-numeric">
                  {t('categories.columns.articles')}
                </th>
                <th scope="col" className="cell-numeric">
                  {t('categories.columns.position')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('categories.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {categories.data.map((category) => {
                const translated = LANGUAGES.filter(
                  (language) => language !== 'en' && category.name[language],
                );
                return (
                  <tr key={category.id}>
                    <td>
                      <Link to={`/kb?categoryId=${category.id}`}>{category.name.en}</Link>
                    </td>
                    <td>
                      {translated.length > 0 ? (
                        translated.map((language) => LANGUAGE_NAMES[language]).join(', ')
                      ) : (
                        <Empty />
                      )}
                    </td>
                    <td className="cell-numeric">{format.number(category.articleCount)}</td>
                    <td className="cell-numeric">{format.number(category.position)}</td>
                    <td className="cell-actions">
                      <button
                        type="button"
                        className="button button-quiet button-small"
                        onClick={() => setEditing(category)}
                        aria-label={t('categories.editNamed', { name: category.name.en })}
                      >
                        {t('categories.edit')}
                      </button>
                      <ConfirmButton
                        label={t('categories.delete')}
                        accessibleLabel={t('categories.deleteNamed', { name: category.name.en })}
                        title={t('categories.deleteTitle', { name: category.name.en })}
                        danger
                        className="button button-quiet button-small button-danger-quiet"
                        onConfirm={() => kbApi.removeCategory(category.id)}
                        messageFor={(code) => (code === 'in_use' ? t('categories.inUse') : undefined)}
                        onDone={categoriesCache.invalidate}
                      >
                        <p>{t('categories.deleteBody')}</p>
                      </ConfirmButton>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
        ))}
      <section className="card" aria-labelledby="new-category">
        <h2 id="new-category">{t('categories.newTitle')}</h2>
        <CategoryForm submitLabel={t('categories.create')} onSaved={categoriesCache.invalidate} />
      </section>
      <Dialog
        open={editing !== null}
        title={t('categories.editTitle')}
        onClose={() => setEditing(null)}
        className="dialog-wide"
      >
        {editing && (
          <CategoryForm
            category={editing}
            submitLabel={t('categories.save')}
            onSaved={() => {
              setEditing(null);
              categoriesCache.invalidate();
            }}
          />
        )}
      </Dialog>
    </Page>
  );
}

type CategoryFormProps = { category?: KbCategory; submitLabel: string; onSaved: () => void };

function CategoryForm({ category, submitLabel, onSaved }: CategoryFormProps) {
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const [name, setName] = useState(toDraft(category?.name));
  const [position, setPosition] = useState(category ? String(category.position) : '');
  const create = useSubmit(
    {
      schema: KbCategoryCreateSchema,
      send: kbApi.createCategory,
      onSuccess: () => {
        setName(toDraft(undefined));
        setPosition('');
        onSaved();
      },
    },
    ts,
  );
  const update = useSubmit(
    {
      schema: KbCategoryUpdateSchema,
      send: (body) => kbApi.updateCategory(category?.id ?? '', body),
      onSuccess: onSaved,
    },
    ts,
  );
  const form = category ? update : create;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.isPending) return;
    const body = { name: fromDraft(name), ...(position.trim() ? { position: Number(position) } : {}) };
    void form.submit(body);
  };
  return (
    <form ref={form.formRef} className="stack" onSubmit={submit} noValidate>
      <FormProblemAlert problem={form.problem} />
      <LocalizedTextFields
        label={t('categories.name')}
        value={name}
        onChange={setName}
        errors={form.errors}
        path="name"
      />
      <TextField
        label={t('categories.position')}
        hint={t('categories.positionHint')}
        type="number"
        min={0}
        max={1000}
        value={position}
        onChange={(event) => setPosition(event.target.value)}
        error={fieldError(form.errors, 'position')}
        className="field-narrow"
      />
      <div className="actions">
        <button type="submit" className="button" aria-busy={form.isPending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
