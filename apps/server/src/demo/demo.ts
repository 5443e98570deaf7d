import type { Config } from '../config';
import type { Db } from '../db/client';
import type { ContactActor, TechnicianActor } from '../lib/actor';
import { createFileStore } from '../lib/file-store';
import { generatePassword } from '../lib/passwords';
import { CacheVersion } from '../lib/versioned-cache';
import { createContactsService } from '../modules/contacts/contacts.service';
import { createCredentialsMail } from '../modules/contacts/credentials-mail';
import { createCustomersService } from '../modules/customers/customers.service';
import { createKbService } from '../modules/kb/kb.service';
import { createMailTemplatesService } from '../modules/mail/mail-templates.service';
import type { TicketEvents } from '../modules/mail/notifications';
import { createPortalConfig } from '../modules/portal/portal-config';
import { createPortalTicketsService } from '../modules/portal/portal-tickets.service';
import { TicketListCache } from '../modules/portal/ticket-list-cache';
import { createSettingsService } from '../modules/settings/settings.service';
import { listTechnicians } from '../modules/technicians/technicians.repo';
import { createTechniciansService } from '../modules/technicians/technicians.service';
import { createTicketWrites } from '../modules/tickets/ticket-writes';
import { createTicketsService } from '../modules/tickets/tickets.service';
import {
  DEMO_CUSTOMERS,
  DEMO_KB_ARTICLES,
  DEMO_KB_CATEGORIES,
  DEMO_MSP_NAME,
  DEMO_TECHNICIANS,
  type DemoCustomer,
  type DemoTicket,
} from './demo-data';

export type DemoSignIn = { name: string; customer: string; username: string; password: string };

export type DemoResult =
  | { loaded: false }
  | {
      loaded: true;
      /** Portal sign-ins of the primary contacts, to print once. */
      signIns: DemoSignIn[];
      /** False when SMTP_URL is set: welcome mail to made-up addresses would go out for real. */
      welcomeMailQueued: boolean;
    };

/** Demo tickets are history, not news: nobody is mailed about them. */
const quietEvents: TicketEvents = {
  ticketCreated: () => undefined,
  commentAdded: () => undefined,
  statusChanged: () => undefined,
};

/**
 * The services the console and portal use, built the same way, except that ticket writes record no
 * mail and, with a real SMTP server, contacts get no welcome mail.
 */
function demoServices(db: Db, config: Config) {
  const realSettings = createSettingsService(db, config);
  const welcomeMailQueued = !config.mail.smtpUrl;
  const settings: typeof realSettings = welcomeMailQueued
    ? realSettings
    : Object.assign({}, realSettings, {
        getPortal: async () => ({ ...(await realSettings.getPortal()), welcomeEmail: { enabled: false } }),
      });
  const cacheVersion = new CacheVersion();
  const files = createFileStore(config.attachments.dir);
  const writes = createTicketWrites(db, quietEvents);
  const queueCredentialsMail = createCredentialsMail(config, realSettings, createMailTemplatesService(db));
  return {
    welcomeMailQueued,
    settings: realSettings,
    technicians: createTechniciansService(db),
    customers: createCustomersService(db),
    contacts: createContactsService(db, settings, queueCredentialsMail),
    tickets: createTicketsService(db, files, writes),
    portalTickets: createPortalTicketsService(
      db,
      createPortalConfig(db, realSettings, cacheVersion),
      files,
      writes,
      new TicketListCache(cacheVersion),
    ),
    kb: createKbService(db),
  };
}

type DemoServices = ReturnType<typeof demoServices>;

const DEMO_IP = '127.0.0.1';

/** The install's first admin acts for the MSP: the audit log shows who loaded the demo. */
async function adminActor(db: Db): Promise<TechnicianActor> {
  const admin = (await listTechnicians(db)).find((row) => row.role === 'admin' && !row.deletedAt);
  if (!admin) throw new Error('The demo needs an administrator: start once without --demo first.');
  return {
    kind: 'technician',
    id: admin.id,
    role: 'admin',
    name: admin.name,
    email: admin.email,
    ip: DEMO_IP,
    via: 'session',
  };
}

/**
 * `--demo`: a demo MSP on a database that has no customers yet, written through the services the
 * console and portal use, so audit rows and rules apply. A database with customers is left alone.
 */
export async function loadDemo(db: Db, config: Config): Promise<DemoResult> {
  const services = demoServices(db, config);
  const admin = await adminActor(db);
  if ((await services.customers.list(admin, { page: 1, pageSize: 1 })).total > 0) return { loaded: false };

  await services.settings.updatePortal(admin, {
    branding: { name: DEMO_MSP_NAME },
    features: {
      ticketing: { enabled: true, customers: 'all' },
      knowledgeBase: { enabled: true, customers: 'all' },
    },
  });
  const technicians: TechnicianActor[] = [];
  for (const { name, email } of DEMO_TECHNICIANS) {
    // Nobody signs in as them: they are names on tickets, with a password no one knows.
    const made = await services.technicians.create(admin, {
      name,
      email,
      role: 'technician',
      password: generatePassword(24),
    });
    technicians.push({
      kind: 'technician',
      id: made.id,
      role: made.role,
      name,
      email,
      ip: DEMO_IP,
      via: 'session',
    });
  }
  const signIns: DemoSignIn[] = [];
  for (const customer of DEMO_CUSTOMERS) {
    signIns.push(await loadCustomer(services, admin, technicians, customer));
  }
  await loadKnowledgeBase(services, admin);
  return { loaded: true, signIns, welcomeMailQueued: services.welcomeMailQueued };
}

async function loadCustomer(
  services: DemoServices,
  admin: TechnicianActor,
  technicians: TechnicianActor[],
  demo: DemoCustomer,
): Promise<DemoSignIn> {
  const customer = await services.customers.create(admin, {
    name: demo.name,
    domains: [demo.domain],
    phone: demo.phone,
    address: demo.address,
    notes: demo.notes,
  });
  const contacts: { actor: ContactActor; password: string; username: string }[] = [];
  for (const [index, person] of demo.contacts.entries()) {
    const { contact, portalPassword } = await services.contacts.create(admin, {
      customerId: customer.id,
      firstName: person.firstName,
      lastName: person.lastName,
      email: `${person.mailbox}@${demo.domain}`,
      phone: person.phone ?? null,
      jobTitle: person.jobTitle,
      isPrimary: index === 0,
      language: demo.language,
    });
    contacts.push({
      actor: {
        kind: 'contact',
        id: contact.id,
        customerId: customer.id,
        isPrimary: contact.isPrimary,
        name: contact.name,
        ip: DEMO_IP,
      },
      password: portalPassword,
      username: contact.username,
    });
  }
  for (const ticket of demo.tickets) {
    const contact = contacts[ticket.contact ?? 0];
    if (!contact)
      throw new Error(`Demo ticket "${ticket.title}" names a contact ${demo.name} does not have.`);
    const technician = ticket.technician === undefined ? undefined : technicians[ticket.technician];
    await loadTicket(
      services,
      customer.id,
      contact.actor,
      technician ?? admin,
      technician?.id ?? null,
      ticket,
    );
  }
  const [primary] = contacts;
  if (!primary) throw new Error(`Demo customer ${demo.name} has no contact.`);
  return {
    name: primary.actor.name,
    customer: demo.name,
    username: primary.username,
    password: primary.password,
  };
}

/** Opened, answered from both sides, then moved to where it stands today, as it happened. */
async function loadTicket(
  services: DemoServices,
  customerId: string,
  contact: ContactActor,
  technician: TechnicianActor,
  technicianId: string | null,
  demo: DemoTicket,
): Promise<void> {
  const fields = {
    title: demo.title,
    description: demo.description,
    priority: demo.priority,
    type: demo.type,
  };
  let ticketId: string;
  if (demo.openedBy === 'contact') {
    ticketId = (await services.portalTickets.create(contact, fields)).id;
    if (technicianId) await services.tickets.update(technician, ticketId, { technicianId });
  } else {
    ticketId = (
      await services.tickets.create(technician, {
        ...fields,
        customerId,
        contactId: contact.id,
        technicianId,
      })
    ).id;
  }
  for (const comment of demo.comments ?? []) {
    if (comment.by === 'contact') await services.portalTickets.reply(contact, ticketId, comment.body);
    else
      await services.tickets.addComment(technician, ticketId, {
        body: comment.body,
        internal: comment.internal,
      });
  }
  if (demo.status) await services.tickets.update(technician, ticketId, { status: demo.status });
  if (demo.billed) await services.tickets.update(technician, ticketId, { billed: true });
}

async function loadKnowledgeBase(services: DemoServices, admin: TechnicianActor): Promise<void> {
  const categories = new Map<string, string>();
  for (const [position, { key, name }] of DEMO_KB_CATEGORIES.entries()) {
    categories.set(key, (await services.kb.createCategory(admin, { name, position })).id);
  }
  for (const group of DEMO_KB_ARTICLES) {
    let originalId: string | undefined;
    for (const version of group.versions) {
      const article = await services.kb.createArticle(admin, {
        ...version,
        categoryId: categories.get(group.category) ?? null,
        shared: true,
        status: 'published',
        ...(originalId ? { translationOf: originalId } : {}),
      });
      originalId ??= article.id;
    }
  }
}
