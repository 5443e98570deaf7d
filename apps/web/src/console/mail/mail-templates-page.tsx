import {
  LANGUAGES,
  type Language,
  MAIL_KINDS,
  type MailKind,
  type MailTemplate,
  type MailTemplatesPatch,
  MailTemplatesPatchSchema,
  type MailTemplatesResponse,
} from '@atrium/shared';
import { type FormEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LANGUAGE_NAMES } from '../../i18n/languages';
import { useStore } from '../../lib/store';
import { useLoad } from '../../lib/use-load';
import { ConfirmButton } from '../../ui/confirm-button';
import { FormProblemAlert, TextAreaField, TextField } from '../../ui/field';
import { fieldError, useSubmit } from '../../ui/form';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { useWarnBeforeLeaving } from '../../ui/unsaved-changes';
import { canAdminister } from '../sections';
import { consoleSession } from '../session';
import { mailApi } from './api';
import { isMailKind } from './kinds';
import { MailPreview } from './mail-preview';

type DraftKey = `${MailKind}.${Language}`;
type Drafts = Partial<Record<DraftKey, MailTemplate>>;

const same = (a: MailTemplate, b: MailTemplate) => a.subject === b.subject && a.body === b.body;

function savedTemplate(saved: MailTemplatesResponse, kind: MailKind, language: Language): MailTemplate {
  return saved.templates[kind][language] ?? { subject: '', body: '' };
}

/** The kind and language in the URL, or the first of each: a reload stays on the same template. */
function useSelection() {
  const [params] = useSearchParams();
  const kindParam = params.get('kind') ?? '';
  const kind: MailKind = isMailKind(kindParam) ? kindParam : MAIL_KINDS[0];
  const language = LANGUAGES.find((value) => value === params.get('language')) ?? LANGUAGES[0];
  return { kind, language };
}

export function MailTemplatesPage() {
  const { t } = useTranslation('console');
  const technician = useStore(consoleSession);
  const templates = useLoad('mail-templates', (signal) => mailApi.templates(signal));
  return (
    <Page title={t('mailTemplates.title')}>
      <p className="muted">{t('mailTemplates.intro')}</p>
      <LoadState load={templates} />
      {templates.data && (
        <TemplatesEditor
          saved={templates.data}
          onSaved={templates.setData}
          canEdit={technician !== null && canAdminister(technician)}
        />
      )}
    </Page>
  );
}

type TemplatesEditorProps = {
  saved: MailTemplatesResponse;
  onSaved: (templates: MailTemplatesResponse) => void;
  canEdit: boolean;
};

function TemplatesEditor({ saved, onSaved, canEdit }: TemplatesEditorProps) {
  const { t } = useTranslation('console');
  const { kind, language } = useSelection();
  // Edits are kept per kind and language, so that looking at another template loses nothing.
  const [drafts, setDrafts] = useState<Drafts>({});
  const isDirty = (draftKind: MailKind, draftLanguage: Language) => {
    const draft = drafts[`${draftKind}.${draftLanguage}`];
    return draft !== undefined && !same(draft, savedTemplate(saved, draftKind, draftLanguage));
  };
  const anyDirty = MAIL_KINDS.some((value) => LANGUAGES.some((other) => isDirty(value, other)));

  useWarnBeforeLeaving(anyDirty);

  const key: DraftKey = `${kind}.${language}`;
  const customized = saved.customized[kind];
  return (
    <div className="mail-templates">
      <nav aria-label={t('mailTemplates.kindsLabel')}>
        <ul className="mail-kinds">
          {MAIL_KINDS.map((value) => (
            <li key={value}>
              <Link
                to={{ search: `?kind=${value}` }}
                className="mail-kind"
                aria-current={value === kind ? 'page' : undefined}
              >
                <span className="mail-kind-name">{t(`mailTemplates.kinds.${value}.name`)}</span>
                <span className="mail-kind-when">{t(`mailTemplates.kinds.${value}.sentWhen`)}</span>
                {saved.customized[value].length > 0 && (
                  <span className="badge">{t('mailTemplates.customized')}</span>
                )}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="mail-template">
        <h2>{t(`mailTemplates.kinds.${kind}.name`)}</h2>
        <nav aria-label={t('mailTemplates.languagesLabel')}>
          <ul className="mail-languages">
            {LANGUAGES.map((value) => (
              <li key={value}>
                <Link
                  to={{ search: `?kind=${kind}&language=${value}` }}
                  className="mail-language"
                  aria-current={value === language ? 'page' : undefined}
                >
                  {LANGUAGE_NAMES[value]}
                  {customized.includes(value) && (
                    <span className="badge">{t('mailTemplates.customized')}</span>
                  )}
                  {isDirty(kind, value) && (
                    <span className="badge badge-draft">{t('mailTemplates.unsavedBadge')}</span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <TemplateForm
          key={key}
          kind={kind}
          language={language}
          saved={savedTemplate(saved, kind, language)}
          isCustomized={customized.includes(language)}
          placeholders={saved.placeholders[kind]}
          draft={drafts[key]}
          setDraft={(draft) => setDrafts((previous) => ({ ...previous, [key]: draft }))}
          onSaved={onSaved}
          canEdit={canEdit}
        />
      </div>
    </div>
  );
}

type Field = 'subject' | 'body';

type TemplateFormProps = {
  kind: MailKind;
  language: Language;
  saved: MailTemplate;
  isCustomized: boolean;
  placeholders: { all: readonly string[]; required: readonly string[] };
  /** Undefined while the saved template is shown as it is. */
  draft: MailTemplate | undefined;
  setDraft: (draft: MailTemplate | undefined) => void;
  onSaved: (templates: MailTemplatesResponse) => void;
  canEdit: boolean;
};

function TemplateForm(props: TemplateFormProps) {
  const { kind, language, saved, draft, setDraft, canEdit } = props;
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const [status, setStatus] = useState<'idle' | 'saved' | 'resetDone' | 'unchanged'>('idle');
  const value = draft ?? saved;
  const isDirty = !same(value, saved);
  const path = `${kind}.${language}`;

  const form = useSubmit(
    {
      schema: MailTemplatesPatchSchema,
      send: (patch: MailTemplatesPatch) => mailApi.updateTemplates(patch),
      onSuccess: (next) => {
        props.onSaved(next);
        setDraft(undefined);
        setStatus('saved');
      },
    },
    ts,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.isPending) return;
    if (!isDirty) {
      setStatus('unchanged');
      return;
    }
    setStatus('idle');
    void form.submit({ [kind]: { [language]: value } });
  };

  const change = (field: Field, text: string) => {
    setStatus('idle');
    setDraft({ ...value, [field]: text });
  };

  const fields = useInsertion(value, change);
  return (
    <div className="editor">
      <form ref={form.formRef} className="editor-source stack" onSubmit={submit} noValidate>
        <FormProblemAlert problem={form.problem} />
        <TextField
          ref={fields.refs.subject}
          label={t('mailTemplates.subject')}
          value={value.subject}
          readOnly={!canEdit}
          required
          onFocus={() => fields.focused('subject')}
          onChange={(event) => change('subject', event.target.value)}
          error={fieldError(form.errors, `${path}.subject`)}
        />
        <TextAreaField
          ref={fields.refs.body}
          label={t('mailTemplates.body')}
          hint={t('mailTemplates.bodyHint')}
          value={value.body}
          readOnly={!canEdit}
          required
          onFocus={() => fields.focused('body')}
          onChange={(event) => change('body', event.target.value)}
          error={fieldError(form.errors, `${path}.body`) ?? form.errors[path]}
        />
        <Placeholders
          all={props.placeholders.all}
          required={props.placeholders.required}
          onInsert={canEdit ? fields.insert : undefined}
        />
        {canEdit ? (
          <div className="save-bar">
            <button type="submit" className="button" aria-busy={form.isPending}>
              {t('mailTemplates.save')}
            </button>
            <button
              type="button"
              className="button button-quiet"
              disabled={!isDirty}
              onClick={() => {
                setDraft(undefined);
                form.clearErrors();
              }}
            >
              {t('mailTemplates.discard')}
            </button>
            {props.isCustomized && (
              <ConfirmButton
                label={t('mailTemplates.reset')}
                title={t('mailTemplates.resetTitle')}
                danger
                onConfirm={async () => {
                  props.onSaved(await mailApi.updateTemplates({ [kind]: { [language]: null } }));
                  setDraft(undefined);
                  form.clearErrors();
                  setStatus('resetDone');
                }}
              >
                <p>{t('mailTemplates.resetBody', { language: LANGUAGE_NAMES[language] })}</p>
              </ConfirmButton>
            )}
            <span role="status" className="form-status">
              {status === 'idle' ? (isDirty ? t('mailTemplates.unsaved') : '') : t(`mailTemplates.${status}`)}
            </span>
          </div>
        ) : (
          <p className="muted">{t('mailTemplates.adminsOnly')}</p>
        )}
      </form>
      <MailPreview request={{ kind, language, ...value }} />
    </div>
  );
}

/**
 * Puts a placeholder where the cursor was in the subject or the body (the last one focused), and
 * the cursor after it.
 */
function useInsertion(value: MailTemplate, change: (field: Field, text: string) => void) {
  const refs = {
    subject: useRef<HTMLInputElement>(null),
    body: useRef<HTMLTextAreaElement>(null),
  };
  const lastFocused = useRef<Field>('body');
  const caret = useRef<{ field: Field; at: number } | null>(null);

  // After the render that shows the inserted text, not before: the value would overwrite the caret.
  useLayoutEffect(() => {
    if (!caret.current) return;
    const { field, at } = caret.current;
    caret.current = null;
    refs[field].current?.focus();
    refs[field].current?.setSelectionRange(at, at);
  });

  const insert = (name: string) => {
    const field = lastFocused.current;
    const element = refs[field].current;
    const text = value[field];
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? text.length;
    const token = `{{${name}}}`;
    caret.current = { field, at: start + token.length };
    change(field, text.slice(0, start) + token + text.slice(end));
  };

  return {
    refs,
    insert,
    focused: (field: Field) => {
      lastFocused.current = field;
    },
  };
}

type PlaceholdersProps = {
  all: readonly string[];
  required: readonly string[];
  /** Without it (a technician who may not edit), the placeholders are only listed. */
  onInsert: ((name: string) => void) | undefined;
};

function Placeholders({ all, required, onInsert }: PlaceholdersProps) {
  const { t } = useTranslation('console');
  const titleId = useId();
  return (
    <section className="placeholders" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('mailTemplates.placeholders')}</h3>
      <p className="field-hint">
        {onInsert ? t('mailTemplates.placeholdersInsertHint') : t('mailTemplates.placeholdersHint')}
      </p>
      <ul className="placeholder-list">
        {all.map((name) => {
          const label = (
            <>
              <code>{`{{${name}}}`}</code>
              {required.includes(name) && <span className="badge">{t('mailTemplates.required')}</span>}
            </>
          );
          return (
            <li key={name}>
              {onInsert ? (
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => onInsert(name)}
                >
                  {label}
                </button>
              ) : (
                label
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
