import {
  ACTION_TYPES,
  BrandingSchema,
  DEFAULT_FIELDS,
  FIELD_VISIBILITIES,
  type PortalSettings,
} from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { useCached } from '../../lib/use-load';
import { CopyButton } from '../../ui/copy-button';
import { CheckboxField, Field, SelectField, TextField } from '../../ui/field';
import { type FieldErrors, fieldError } from '../../ui/form';
import { statusesCache } from '../statuses/api';
import { statusLabel } from '../tickets/labels';
import { CustomDomainStatusPanel } from './custom-domain';
import { CustomerScopeField } from './customer-scope';

/** The parts of the portal settings form; each edits the draft through `update`. */
export type SectionProps = {
  draft: PortalSettings;
  update: (change: (settings: PortalSettings) => void) => void;
  errors: FieldErrors;
};

export function AddressSection({
  draft,
  update,
  errors,
  portalUrl,
  savedDomain,
}: SectionProps & { portalUrl: string; savedDomain: string | null }) {
  const { t } = useTranslation('console');
  return (
    <section className="card stack" aria-labelledby="portal-address">
      <h2 id="portal-address">{t('portalSettings.address')}</h2>
      <div className="inline-form">
        <TextField label={t('portalSettings.portalUrl')} value={portalUrl} readOnly className="filter-grow" />
        <CopyButton label={t('portalSettings.copyUrl')} value={portalUrl} className="button button-quiet" />
        <a href={portalUrl} target="_blank" rel="noopener noreferrer" className="button button-quiet">
          {t('portalSettings.openPortal')}
        </a>
      </div>
      <TextField
        label={t('portalSettings.customDomain')}
        hint={t('portalSettings.customDomainHint')}
        value={draft.customDomain ?? ''}
        onChange={(event) =>
          update((settings) => {
            settings.customDomain = event.target.value.trim() === '' ? null : event.target.value;
          })
        }
        error={fieldError(errors, 'customDomain')}
        spellCheck={false}
        autoCapitalize="none"
      />
      <CustomDomainStatusPanel domain={savedDomain} />
      <CheckboxField
        label={t('portalSettings.welcomeEmail')}
        hint={t('portalSettings.welcomeEmailHint')}
        checked={draft.welcomeEmail.enabled}
        onChange={(event) =>
          update((settings) => {
            settings.welcomeEmail.enabled = event.target.checked;
          })
        }
      />
    </section>
  );
}

const FEATURE_KEYS = ['ticketing', 'knowledgeBase', 'aiAssistant', 'selfService'] as const;

export function FeaturesSection({ draft, update, errors }: SectionProps) {
  const { t } = useTranslation('console');
  return (
    <section className="card stack" aria-labelledby="portal-features">
      <h2 id="portal-features">{t('portalSettings.features')}</h2>
      <p className="muted">{t('portalSettings.featuresHint')}</p>
      {FEATURE_KEYS.map((feature) => {
        const access = draft.features[feature];
        return (
          <fieldset key={feature} className="feature">
            <legend>{t(`portalSettings.featureNames.${feature}`)}</legend>
            <CheckboxField
              label={t(`portalSettings.featureToggles.${feature}`)}
              checked={access.enabled}
              onChange={(event) =>
                update((settings) => {
                  settings.features[feature].enabled = event.target.checked;
                })
              }
            />
            {access.enabled && (
              <>
                <CustomerScopeField
                  legend={t('portalSettings.whoGetsIt')}
                  value={access.customers}
                  onChange={(customers) =>
                    update((settings) => {
                      settings.features[feature].customers = customers;
                    })
                  }
                  error={fieldError(errors, `features.${feature}.customers`)}
                />
                {feature === 'aiAssistant' && (
                  <AssistantOptions draft={draft} update={update} errors={errors} />
                )}
                {feature === 'selfService' && (
                  <SelfServiceActions draft={draft} update={update} errors={errors} />
                )}
              </>
            )}
          </fieldset>
        );
      })}
    </section>
  );
}

function AssistantOptions({ draft, update }: SectionProps) {
  const { t } = useTranslation('console');
  const assistant = draft.features.aiAssistant;
  return (
    <div className="stack">
      <CheckboxField
        label={t('portalSettings.createTicketPerChat')}
        hint={t('portalSettings.createTicketPerChatHint')}
        checked={assistant.createTicketPerChat}
        onChange={(event) =>
          update((settings) => {
            settings.features.aiAssistant.createTicketPerChat = event.target.checked;
          })
        }
      />
      <CheckboxField
        label={t('portalSettings.disableManualTickets')}
        hint={t('portalSettings.disableManualTicketsHint')}
        checked={assistant.disableManualTickets}
        onChange={(event) =>
          update((settings) => {
            settings.features.aiAssistant.disableManualTickets = event.target.checked;
          })
        }
      />
    </div>
  );
}

function SelfServiceActions({ draft, update, errors }: SectionProps) {
  const { t } = useTranslation('console');
  const actions = draft.features.selfService.actions;
  const error = fieldError(errors, 'features.selfService.actions');
  return (
    <fieldset className="checkbox-group">
      <legend>{t('portalSettings.actions')}</legend>
      {ACTION_TYPES.map((action) => (
        <label key={action} className="check">
          <input
            type="checkbox"
            checked={actions.includes(action)}
            onChange={(event) =>
              update((settings) => {
                const chosen = new Set(settings.features.selfService.actions);
                if (event.target.checked) chosen.add(action);
                else chosen.delete(action);
                settings.features.selfService.actions = ACTION_TYPES.filter((type) => chosen.has(type));
              })
            }
          />
          {t(`portalSettings.actionNames.${action}`)}
        </label>
      ))}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}

export function TicketsSection({ draft, update, errors }: SectionProps) {
  const { t } = useTranslation('console');
  const statuses = useCached(statusesCache);
  const names = (statuses.data ?? []).map((status) => status.name);
  for (const name of draft.visibleStatuses) if (!names.includes(name)) names.push(name);
  const error = fieldError(errors, 'visibleStatuses');
  return (
    <section className="card stack" aria-labelledby="portal-tickets">
      <h2 id="portal-tickets">{t('portalSettings.tickets')}</h2>
      <fieldset className="checkbox-group" aria-describedby="visible-statuses-hint">
        <legend>{t('portalSettings.visibleStatuses')}</legend>
        <p id="visible-statuses-hint" className="field-hint">
          {t('portalSettings.visibleStatusesHint')}
        </p>
        {names.map((name) => (
          <label key={name} className="check">
            <input
              type="checkbox"
              checked={draft.visibleStatuses.includes(name)}
              onChange={(event) =>
                update((settings) => {
                  const chosen = new Set(settings.visibleStatuses);
                  if (event.target.checked) chosen.add(name);
                  else chosen.delete(name);
                  settings.visibleStatuses = names.filter((status) => chosen.has(status));
                })
              }
            />
            {statusLabel(t, name)}
          </label>
        ))}
        {error && <p className="field-error">{error}</p>}
      </fieldset>
      <CheckboxField
        label={t('portalSettings.cannotReopen')}
        hint={t('portalSettings.cannotReopenHint')}
        checked={draft.ticketsCannotBeReopened}
        onChange={(event) =>
          update((settings) => {
            settings.ticketsCannotBeReopened = event.target.checked;
          })
        }
      />
    </section>
  );
}

export function FieldVisibilitySection({ draft, update, errors }: SectionProps) {
  const { t } = useTranslation('console');
  const options = FIELD_VISIBILITIES.map((value) => ({
    value,
    label: t(`portalSettings.visibilities.${value}`),
  }));
  return (
    <section className="card stack" aria-labelledby="portal-fields">
      <h2 id="portal-fields">{t('portalSettings.fieldVisibility')}</h2>
      <p className="muted">{t('portalSettings.fieldVisibilityHint')}</p>
      <div className="form-grid form-grid-3">
        {DEFAULT_FIELDS.map((field) => (
          <SelectField
            key={field}
            label={t(`portalSettings.fieldNames.${field}`)}
            options={options}
            value={draft.fieldVisibility[field]}
            onChange={(event) =>
              update((settings) => {
                settings.fieldVisibility[field] = event.target
                  .value as PortalSettings['fieldVisibility'][typeof field];
              })
            }
            error={fieldError(errors, `fieldVisibility.${field}`)}
          />
        ))}
      </div>
    </section>
  );
}

export function BrandingSection({ draft, update, errors }: SectionProps) {
  const { t } = useTranslation('console');
  const { branding } = draft;
  const setBranding = (change: (b: PortalSettings['branding']) => void) =>
    update((settings) => change(settings.branding));
  return (
    <section className="card stack" aria-labelledby="portal-branding">
      <h2 id="portal-branding">{t('portalSettings.branding')}</h2>
      <TextField
        label={t('portalSettings.mspName')}
        value={branding.name}
        onChange={(event) =>
          setBranding((b) => {
            b.name = event.target.value;
          })
        }
        error={fieldError(errors, 'branding.name')}
      />
      <TextField
        label={t('portalSettings.logoUrl')}
        hint={t('portalSettings.logoUrlHint')}
        type="url"
        value={branding.logoUrl ?? ''}
        onChange={(event) =>
          setBranding((b) => {
            b.logoUrl = event.target.value.trim() === '' ? null : event.target.value.trim();
          })
        }
        error={fieldError(errors, 'branding.logoUrl')}
        spellCheck={false}
      />
      {/* Only what the server would accept (https, data:): anything else is blocked by the CSP anyway. */}
      {branding.logoUrl && BrandingSchema.shape.logoUrl.safeParse(branding.logoUrl).success && (
        <p className="logo-preview">
          <img src={branding.logoUrl} alt={t('portalSettings.logoPreview')} />
        </p>
      )}
      <Field label={t('portalSettings.accentColor')} error={fieldError(errors, 'branding.accentColor')}>
        {(control) => (
          <div className="color-field">
            <input
              {...control}
              type="color"
              value={
                /^#[0-9a-f]{6}$/i.test(branding.accentColor) ? branding.accentColor.toLowerCase() : '#000000'
              }
              onChange={(event) =>
                setBranding((b) => {
                  b.accentColor = event.target.value;
                })
              }
            />
            <input
              aria-label={t('portalSettings.accentColorHex')}
              value={branding.accentColor}
              maxLength={7}
              spellCheck={false}
              onChange={(event) =>
                setBranding((b) => {
                  b.accentColor = event.target.value.trim();
                })
              }
            />
          </div>
        )}
      </Field>
    </section>
  );
}
