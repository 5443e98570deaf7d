import { FEATURES, type Feature, type PortalSettings } from '@atrium/shared';
import type { ContactActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';

/** SPEC §3.3: a feature is on for a contact when it is on globally and for their customer. */
export function hasFeature(
  settings: Pick<PortalSettings, 'features'>,
  contact: Pick<ContactActor, 'customerId'>,
  feature: Feature,
): boolean {
  const access = settings.features[feature];
  const { customerId } = contact;
  return (
    access.enabled &&
    (access.customers === 'all' || (customerId !== null && access.customers.includes(customerId)))
  );
}

/** A customer has the portal when any of its features is on for them; a contact without a customer has none. */
export function hasPortal(settings: Pick<PortalSettings, 'features'>, customerId: string | null): boolean {
  return customerId !== null && FEATURES.some((feature) => hasFeature(settings, { customerId }, feature));
}

export function requireFeature(settings: PortalSettings, contact: ContactActor, feature: Feature): void {
  if (!hasFeature(settings, contact, feature)) {
    throw new AppError('forbidden', 'This part of the portal is not available to you.');
  }
}

/** SPEC §3.4: with `disableManualTickets`, contacts go through the assistant instead. */
export function canOpenTicketManually(settings: PortalSettings, contact: ContactActor): boolean {
  const assistantFirst =
    hasFeature(settings, contact, 'aiAssistant') && settings.features.aiAssistant.disableManualTickets;
  return hasFeature(settings, contact, 'ticketing') && !assistantFirst;
}
