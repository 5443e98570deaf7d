import type { PortalSettings, PortalSettingsPatch } from '@atrium/shared';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The keys of `next` whose value differs from `previous`; undefined when nothing differs. */
function changed<T extends object>(previous: T, next: T): Partial<T> | undefined {
  const out: Partial<T> = {};
  let any = false;
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (!same(previous[key], next[key])) {
      out[key] = next[key];
      any = true;
    }
  }
  return any ? out : undefined;
}

/**
 * The smallest PATCH that turns `previous` into `next`: the server merges objects key by key and
 * replaces lists, so only the changed keys of each part are sent. Empty when nothing changed.
 */
export function settingsPatch(previous: PortalSettings, next: PortalSettings): PortalSettingsPatch {
  const patch: PortalSettingsPatch = {};
  if (previous.customDomain !== next.customDomain) patch.customDomain = next.customDomain;
  const welcomeEmail = changed(previous.welcomeEmail, next.welcomeEmail);
  if (welcomeEmail) patch.welcomeEmail = welcomeEmail;

  const features: NonNullable<PortalSettingsPatch['features']> = {};
  const ticketing = changed(previous.features.ticketing, next.features.ticketing);
  if (ticketing) features.ticketing = ticketing;
  const knowledgeBase = changed(previous.features.knowledgeBase, next.features.knowledgeBase);
  if (knowledgeBase) features.knowledgeBase = knowledgeBase;
  const aiAssistant = changed(previous.features.aiAssistant, next.features.aiAssistant);
  if (aiAssistant) features.aiAssistant = aiAssistant;
  const selfService = changed(previous.features.selfService, next.features.selfService);
  if (selfService) features.selfService = selfService;
  if (Object.keys(features).length > 0) patch.features = features;

  if (!same(previous.visibleStatuses, next.visibleStatuses)) patch.visibleStatuses = next.visibleStatuses;
  if (previous.ticketsCannotBeReopened !== next.ticketsCannotBeReopened) {
    patch.ticketsCannotBeReopened = next.ticketsCannotBeReopened;
  }
  const fieldVisibility = changed(previous.fieldVisibility, next.fieldVisibility);
  if (fieldVisibility) patch.fieldVisibility = fieldVisibility;
  const branding = changed(previous.branding, next.branding);
  if (branding) patch.branding = branding;
  return patch;
}
