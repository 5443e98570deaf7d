import { DEFAULT_PORTAL_SETTINGS, type PortalSettings, PortalSettingsPatchSchema } from '@atrium/shared';
import { describe, expect, it } from 'vitest';
import { settingsPatch } from './patch';

const CUSTOMER = '22222222-2222-4222-8222-222222222222';
const base: PortalSettings = structuredClone(DEFAULT_PORTAL_SETTINGS);

describe('settingsPatch', () => {
  it('is empty when nothing changed', () => {
    expect(settingsPatch(base, structuredClone(base))).toEqual({});
  });

  it('sends only the changed keys of each part, and whole lists', () => {
    const next = structuredClone(base);
    next.features.knowledgeBase.customers = [CUSTOMER];
    next.features.selfService.actions = ['reboot', 'lock'];
    next.visibleStatuses = ['Open', 'Resolved'];
    next.fieldVisibility.dueDate = 'read-only';
    next.branding.accentColor = '#0f766e';
    const patch = settingsPatch(base, next);
    expect(patch).toEqual({
      features: { knowledgeBase: { customers: [CUSTOMER] }, selfService: { actions: ['reboot', 'lock'] } },
      visibleStatuses: ['Open', 'Resolved'],
      fieldVisibility: { dueDate: 'read-only' },
      branding: { accentColor: '#0f766e' },
    });
    expect(PortalSettingsPatchSchema.safeParse(patch).success).toBe(true);
  });

  it('sends scalar settings and a cleared logo', () => {
    const previous = structuredClone(base);
    previous.branding.logoUrl = 'https://msp.example/logo.png';
    const next = structuredClone(previous);
    next.branding.logoUrl = null;
    next.ticketsCannotBeReopened = true;
    next.welcomeEmail.enabled = false;
    next.customDomain = 'help.msp.example';
    expect(settingsPatch(previous, next)).toEqual({
      customDomain: 'help.msp.example',
      welcomeEmail: { enabled: false },
      ticketsCannotBeReopened: true,
      branding: { logoUrl: null },
    });
  });
});
