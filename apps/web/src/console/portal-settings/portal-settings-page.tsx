import {
  type PortalSettings,
  type PortalSettingsPatch,
  PortalSettingsPatchSchema,
  type PortalSettingsResponse,
} from '@atrium/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyBranding, brandingStore } from '../../lib/branding';
import { useLoad } from '../../lib/use-load';
import { FormProblemAlert } from '../../ui/field';
import { useSubmit } from '../../ui/form';
import { LoadState } from '../../ui/load-state';
import { Page } from '../../ui/page';
import { useWarnBeforeLeaving } from '../../ui/unsaved-changes';
import { portalSettingsApi } from './api';
import { settingsPatch } from './patch';
import {
  AddressSection,
  BrandingSection,
  FeaturesSection,
  FieldVisibilitySection,
  TicketsSection,
} from './sections';

export function PortalSettingsPage() {
  const { t } = useTranslation('console');
  const settings = useLoad('portal-settings', (signal) => portalSettingsApi.get(signal));
  return (
    <Page title={t('portalSettings.title')}>
      <LoadState load={settings} />
      {settings.data && <SettingsForm saved={settings.data} onSaved={settings.setData} />}
    </Page>
  );
}

function withoutUrl({ portalUrl: _url, ...settings }: PortalSettingsResponse): PortalSettings {
  return settings;
}

type SettingsFormProps = {
  saved: PortalSettingsResponse;
  onSaved: (settings: PortalSettingsResponse) => void;
};

function SettingsForm({ saved, onSaved }: SettingsFormProps) {
  const { t } = useTranslation('console');
  const { t: ts } = useTranslation('shared');
  const [draft, setDraft] = useState<PortalSettings>(() => withoutUrl(saved));
  const [status, setStatus] = useState<'idle' | 'saved' | 'unchanged'>('idle');
  const patch = settingsPatch(withoutUrl(saved), draft);
  const isDirty = Object.keys(patch).length > 0;

  useWarnBeforeLeaving(isDirty);

  const form = useSubmit(
    {
      schema: PortalSettingsPatchSchema,
      send: (body: PortalSettingsPatch) => portalSettingsApi.update(body),
      onSuccess: (next) => {
        onSaved(next);
        setDraft(withoutUrl(next));
        setStatus('saved');
        brandingStore.set(next.branding);
        applyBranding(next.branding);
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
    void form.submit(patch);
  };

  const update = (change: (settings: PortalSettings) => void) => {
    setStatus('idle');
    setDraft((previous) => {
      const next = structuredClone(previous);
      change(next);
      return next;
    });
  };

  const sectionProps = { draft, update, errors: form.errors };
  return (
    <form ref={form.formRef} className="settings" onSubmit={submit} noValidate>
      <FormProblemAlert problem={form.problem} />
      <AddressSection portalUrl={saved.portalUrl} savedDomain={saved.customDomain} {...sectionProps} />
      <FeaturesSection {...sectionProps} />
      <TicketsSection {...sectionProps} />
      <FieldVisibilitySection {...sectionProps} />
      <BrandingSection {...sectionProps} />
      <div className="save-bar">
        <button type="submit" className="button" aria-busy={form.isPending}>
          {t('portalSettings.save')}
        </button>
        <button
          type="button"
          className="button button-quiet"
          disabled={!isDirty}
          onClick={() => {
            setDraft(withoutUrl(saved));
            form.clearErrors();
          }}
        >
          {t('portalSettings.discard')}
        </button>
        <span role="status" className="form-status">
          {status === 'saved'
            ? t('portalSettings.saved')
            : status === 'unchanged'
              ? t('portalSettings.unchanged')
              : isDirty
                ? t('portalSettings.unsaved')
                : ''}
        </span>
      </div>
    </form>
  );
}
