import type { Customer, CustomerCreate, CustomerUpdate } from '@atrium/shared';
import type { Db } from '../../db/client';
import type { TechnicianActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { isUniqueViolation } from '../../lib/db-errors';
import { recordAudit } from '../audit/audit.repo';
import { deleteContactsOfCustomer } from '../contacts/contacts.repo';
import { presentCustomer } from './customers.presenter';
import {
  customerHasTickets,
  deleteCustomer,
  findCustomerById,
  findCustomerWithStats,
  findDomainOwners,
  insertCustomer,
  listCustomers,
  replaceDomains,
  updateCustomer,
} from './customers.repo';

/** A domain names one company: mail from strangers at that domain becomes their contact (SPEC §8). */
async function assertDomainsFree(tx: Db, domains: string[], customerId?: string): Promise<void> {
  const [taken] = await findDomainOwners(tx, domains, customerId);
  if (taken) {
    throw new AppError(
      'domain_taken',
      `The domain ${taken.domain} already belongs to ${taken.customerName}.`,
      {
        domain: taken.domain,
        customer: { id: taken.customerId, name: taken.customerName },
      },
    );
  }
}

const unique = (domains: string[] | undefined) => [...new Set(domains ?? [])];

/** Two requests racing past the check above still meet the primary key on the domain. */
async function mapDomainRace<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, 'customer_domains_pkey')) {
      throw new AppError('domain_taken', 'One of these domains was just given to another customer.');
    }
    throw error;
  }
}

export function createCustomersService(db: Db) {
  async function getOrThrow(tx: Db, id: string): Promise<Customer> {
    const row = await findCustomerWithStats(tx, id);
    if (!row) throw new AppError('not_found', 'No customer with this id.');
    return presentCustomer(row);
  }

  return {
    get: (_actor: TechnicianActor, id: string) => getOrThrow(db, id),

    async list(_actor: TechnicianActor, query: { q?: string; page: number; pageSize: number }) {
      const { items, total } = await listCustomers(db, query);
      return { items: items.map(presentCustomer), total };
    },

    async create(actor: TechnicianActor, input: CustomerCreate): Promise<Customer> {
      const domains = unique(input.domains);
      return mapDomainRace(() =>
        db.transaction(async (tx) => {
          await assertDomainsFree(tx, domains);
          const { domains: _domains, ...fields } = input;
          const row = await insertCustomer(tx, fields);
          await replaceDomains(tx, row.id, domains);
          await recordAudit(tx, {
            actor,
            action: 'customer.created',
            target: { type: 'customer', id: row.id },
            details: { name: row.name, domains },
          });
          return getOrThrow(tx, row.id);
        }),
      );
    },

    async update(actor: TechnicianActor, id: string, input: CustomerUpdate): Promise<Customer> {
      return mapDomainRace(() =>
        db.transaction(async (tx) => {
          if (!(await findCustomerById(tx, id))) throw new AppError('not_found', 'No customer with this id.');
          const { domains, ...fields } = input;
          if (domains) {
            await assertDomainsFree(tx, unique(domains), id);
            await replaceDomains(tx, id, unique(domains));
          }
          await updateCustomer(tx, id, fields);
          await recordAudit(tx, {
            actor,
            action: 'customer.updated',
            target: { type: 'customer', id },
            details: { fields: Object.keys(input), ...(domains ? { domains: unique(domains) } : {}) },
          });
          return getOrThrow(tx, id);
        }),
      );
    },

    /**
     * Refused while the customer has tickets: they are the MSP's billing history. Its contacts (who
     * then have no tickets either) go with it.
     */
    async remove(actor: TechnicianActor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const customer = await findCustomerById(tx, id);
        if (!customer) throw new AppError('not_found', 'No customer with this id.');
        if (await customerHasTickets(tx, id)) {
          throw new AppError(
            'in_use',
            `${customer.name} still has tickets; a customer with tickets cannot be deleted.`,
          );
        }
        await deleteContactsOfCustomer(tx, id);
        await deleteCustomer(tx, id);
        await recordAudit(tx, {
          actor,
          action: 'customer.deleted',
          target: { type: 'customer', id },
          details: { name: customer.name },
        });
      });
    },
  };
}

export type CustomersService = ReturnType<typeof createCustomersService>;
