import {
  type KbArticle,
  KbArticleCreateSchema,
  KbArticleUpdateSchema,
  LANGUAGES,
  type Language,
} from '@atrium/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useFormat } from '../../i18n/format';
import { isLanguage, LANGUAGE_NAMES } from '../../i18n/languages';
import { useCached, useLoad } from '../../lib/use-load';
import { ConfirmButton } from '../../ui/confirm-button';
import { CheckboxField, FormProblemAlert, SelectField, TextAreaField, TextField } from '../../ui/field';
import { fieldError, useSubmit } from '../../ui/form';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { categoriesCache, kbApi } from './api';
import { MarkdownPreview } from './markdown-preview';

/** `/kb/:id` edits an article; `/kb/new` creates one, as a translation with `?translationOf=&language=`. */
export function ArticleEditorPage() {
  const { t } = useTranslation('console');
  const { id } = useParams();
  const [params] = useSearchParams();
  const translationOf = id ? '' : (params.get('translationOf') ?? '');
  const key = id ? `article:${id}` : `source:${translationOf}`;
  const loaded = useLoad(key, (signal) => {
    const articleId = id ?? translationOf;
    return articleId ? kbApi.article(articleId, signal) : Promise.resolve(null);
  });
  const back = <Link to="/kb">{t('articleEditor.back')}</Link>;

  if (loaded.data === undefined || (loaded.error && !loaded.data)) {
    return (
      <Page title={t('articleEditor.loadingTitle')} back={back}>
        <LoadState load={loaded} />
      </Page>
    );
  }
  if (id && loaded.data)
    return <ArticleEditor key={loaded.data.id} article={loaded.data} onSaved={loaded.setData} />;
  const language = params.get('language') ?? '';
  return (
    <ArticleEditor
      key={key}
      source={loaded.data ?? undefined}
      language={isLanguage(language) ? language : undefined}
    />
  );
}

type ArticleEditorProps = {
  article?: KbArticle;
  /** When translating: the article to translate, whose fields fill the form at first. */
  source?: KbArticle;
  language?: Language;
  onSaved?: (article: KbArticle) => void;
};

function ArticleEditor({ article, source, language: initialLanguage, onSaved }: ArticleEditorProps) {
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const navigate = useNavigate();
  const previewId = useId();
  const categories = useCached(categoriesCache);
  const start = article ?? source;
  const [title, setTitle] = useState(start?.title ?? '');
  const [language, setLanguage] = useState<Language>(article?.language ?? initialLanguage ?? 'en');
  const [categoryId, setCategoryId] = useState(start?.category?.id ?? '');
  const [shared, setShared] = useState(start?.shared ?? true);
  const [status, setStatus] = useState<KbArticle['status']>(article?.status ?? 'draft');
  const [body, setBody] = useState(start?.body ?? '');
  const [saved, setSaved] = useState(false);

  const create = useSubmit(
    {
      schema: KbArticleCreateSchema,
      send: kbApi.createArticle,
      onSuccess: (created) => void navigate(`/kb/${created.id}`, { replace: true }),
    },
    ts,
  );
  const update = useSubmit(
    {
      schema: KbArticleUpdateSchema,
      send: (patch) => kbApi.updateArticle(article?.id ?? '', patch),
      onSuccess: (updated) => {
        setSaved(true);
        onSaved?.(updated);
      },
    },
    ts,
  );
  const form = article ? update : create;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.isPending) return;
    setSaved(false);
    const fields = { title, body, language, categoryId: categoryId || null, shared, status };
    if (article) void update.submit(fields);
    else void create.submit({ ...fields, ...(source ? { translationOf: source.id } : {}) });
  };

  const pageTitle = article
    ? article.title
    : source
      ? t('articleEditor.translateTitle', { title: source.title })
      : t('articleEditor.newTitle');

  return (
    <Page
      title={pageTitle}
      back={<Link to="/kb">{t('articleEditor.back')}</Link>}
      actions={
        article && (
          <ConfirmButton
            label={t('articleEditor.delete')}
            title={t('articleEditor.deleteTitle', { title: article.title })}
            danger
            onConfirm={() => kbApi.removeArticle(article.id)}
            onDone={() => void navigate('/kb')}
          >
            <p>{t('articleEditor.deleteBody')}</p>
          </ConfirmButton>
        )
      }
    >
      {article && <ArticleFacts article={article} />}
      <form ref={form.formRef} className="form form-wide" onSubmit={submit} noValidate>
        <FormProblemAlert problem={form.problem} />
        <TextField
          label={t('articleEditor.titleLabel')}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          error={fieldError(form.errors, 'title')}
          required
        />
        <div className="form-grid form-grid-4">
          <SelectField
            label={t('articleEditor.language')}
            value={language}
            onChange={(event) => setLanguage(event.target.value as Language)}
            options={LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
            error={fieldError(form.errors, 'language')}
          />
          <SelectField
            label={t('articleEditor.category')}
            value={categoryId}
            onChange={(event) => setCategoryId(event.target.value)}
            options={[
              { value: '', label: t('articleEditor.noCategory') },
              ...(categories.data ?? []).map((category) => ({ value: category.id, label: category.name.en })),
            ]}
            error={fieldError(form.errors, 'categoryId')}
          />
          <SelectField
            label={t('articleEditor.status')}
            value={status}
            onChange={(event) => setStatus(event.target.value as KbArticle['status'])}
            options={[
              { value: 'draft', label: t('kb.statuses.draft') },
              { value: 'published', label: t('kb.statuses.published') },
            ]}
            error={fieldError(form.errors, 'status')}
          />
          <CheckboxField
            label={t('articleEditor.shared')}
            hint={t('articleEditor.sharedHint')}
            checked={shared}
            onChange={(event) => setShared(event.target.checked)}
            className="field-check-aligned"
          />
        </div>
        <div className="editor">
          <TextAreaField
            label={t('articleEditor.body')}
            hint={t('articleEditor.bodyHint')}
            value={body}
            rows={20}
            onChange={(event) => setBody(event.target.value)}
            error={fieldError(form.errors, 'body')}
            className="editor-source"
            spellCheck
          />
          <MarkdownPreview markdown={body} id={previewId} />
        </div>
        <div className="actions">
          <button type="submit" className="button" aria-busy={form.isPending}>
            {article ? t('articleEditor.save') : t('articleEditor.create')}
          </button>
          <span role="status" className="form-status">
            {saved ? t('articleEditor.saved') : ''}
          </span>
        </div>
      </form>
      {article && <Translations article={article} />}
    </Page>
  );
}

function ArticleFacts({ article }: { article: KbArticle }) {
  const { t } = useTranslation('console');
  const format = useFormat();
  return (
    <p className="page-subtitle muted">
      {t('articleEditor.facts', {
        views: format.number(article.views),
        helpful: format.number(article.helpful),
        unhelpful: format.number(article.unhelpful),
        updated: format.date(article.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }),
      })}
    </p>
  );
}

/** The other languages of this article, and a new translation in one that is missing. */
function Translations({ article }: { article: KbArticle }) {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  const others = article.translations.filter((translation) => translation.id !== article.id);
  const used = new Set<Language>([article.language, ...others.map((translation) => translation.language)]);
  const missing = LANGUAGES.filter((language) => !used.has(language));
  const [language, setLanguage] = useState<string>(missing[0] ?? '');
  const chosen = missing.includes(language as Language) ? language : (missing[0] ?? '');

  return (
    <section className="card stack translations" aria-labelledby="translations">
      <h2 id="translations">{t('articleEditor.translations')}</h2>
      {others.length === 0 ? (
        <p className="muted">{t('articleEditor.noTranslations')}</p>
      ) : (
        <ul className="plain-list">
          {others.map((translation) => (
            <li key={translation.id}>
              <span className="badge" lang={translation.language}>
                {LANGUAGE_NAMES[translation.language]}
              </span>{' '}
              <Link to={`/kb/${translation.id}`} lang={translation.language}>
                {translation.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {missing.length > 0 && (
        <div className="inline-form">
          <SelectField
            label={t('articleEditor.translationLanguage')}
            value={chosen}
            onChange={(event) => setLanguage(event.target.value)}
            options={missing.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
          />
          <button
            type="button"
            className="button button-quiet"
            onClick={() => void navigate(`/kb/new?translationOf=${article.id}&language=${chosen}`)}
          >
            {t('articleEditor.addTranslation')}
          </button>
        </div>
      )}
    </section>
  );
}
