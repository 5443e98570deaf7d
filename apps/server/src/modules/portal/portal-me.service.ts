import type { Language, PortalMe } from '@atrium/shared';
import type { Db } from '../../db/client';
import type { ContactActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { recordAudit } from '../audit/audit.repo';
import { type ContactRow, findContactById, updateContact } from '../contacts/contacts.repo';
import { findCustomerById } from '../customers/customers.repo';
import { canOpenTicketManually, hasFeature } from './portal.policy';
import type { PortalConfigSource } from './portal-config';
import { portalCustomFields } from './portal-tickets.policy';

export function createPortalMeService(db: Db, portalConfig: PortalConfigSource) {
  async function present(actor: ContactActor, contact: ContactRow): Promise<PortalMe> {
    const [{ settings: portal, customFields: definitions, statuses }, customer] = await Promise.all([
      portalConfig.get(),
      actor.customerId ? findCustomerById(db, actor.customerId) : undefined,
    ]);
    if (!customer) throw new AppError('unauthenticated');
    return {
      contact: {
        id: contact.id,
        firstName: contact.firstName,
        lastName: contact.lastName,
        email: contact.email,
        username: contact.username,
        phone: contact.phone,
        isPrimary: contact.isPrimary,
        language: contact.language,
      },
      customer: { id: customer.id, name: customer.name },
      features: {
        ticketing: hasFeature(portal, actor, 'ticketing'),
        knowledgeBase: hasFeature(portal, actor, 'knowledgeBase'),
        aiAssistant: hasFeature(portal, actor, 'aiAssistant'),
        selfService: hasFeature(portal, actor, 'selfService'),
        newTicket: canOpenTicketManually(portal, actor),
      },
      fields: { ...portal.fieldVisibility },
      customFields: portalCustomFields(definitions).map((field) => ({
        key: field.key,
        label: field.label,
        type: field.type,
        options: field.options,
        required: field.required,
      })),
      statuses: [...statuses.values()]
        .filter((status) => portal.visibleStatuses.includes(status.name))
        .map((status) => ({ name: status.name, closed: status.closed })),
      ticketsCanBeReopened: !portal.ticketsCannotBeReopened,
      language: contact.language,
      mustChangePassword: contact.mustChangePassword,
    };
  }

  return {
    async get(actor: ContactActor): Promise<PortalMe> {
      const contact = await findContactById(db, actor.id);
      if (!contact) throw new AppError('unauthenticated');
      return present(actor, contact);
    },

    async setLanguage(actor: ContactActor, language: Language): Promise<PortalMe> {
      const contact = await db.transaction(async (tx) => {
        const row = await updateContact(tx, actor.id, { language });
        if (!row) throw new AppError('unauthenticated');
        await recordAudit(tx, {
          actor,
          action: 'contact.language_changed',
          target: { type: 'contact', id: actor.id },
          details: { language },
        });
        return row;
      });
      return present(actor, contact);
    },
  };
}

export type PortalMeService = ReturnType<typeof createPortalMeService>;
