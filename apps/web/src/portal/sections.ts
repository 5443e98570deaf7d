import type { PortalMe } from '@atrium/shared';

type FeatureFlag = keyof PortalMe['features'];
type Section = { path: string; label: string; feature?: FeatureFlag };

/**
 * The portal's sections in menu order. One tied to a feature exists only while the feature is on
 * for this contact (the server refuses its API otherwise).
 */
export const PORTAL_SECTIONS = [
  { path: '/', label: 'nav.home' },
  { path: '/tickets', label: 'nav.tickets', feature: 'ticketing' },
  { path: '/kb', label: 'nav.knowledgeBase', feature: 'knowledgeBase' },
  { path: '/assistant', label: 'nav.assistant', feature: 'aiAssistant' },
  { path: '/devices', label: 'nav.devices', feature: 'selfService' },
  { path: '/settings', label: 'nav.settings' },
] as const satisfies readonly Section[];

export type PortalSection = (typeof PORTAL_SECTIONS)[number];

export function visibleSections(me: PortalMe): PortalSection[] {
  return PORTAL_SECTIONS.filter((section) => !('feature' in section) || me.features[section.feature]);
}
