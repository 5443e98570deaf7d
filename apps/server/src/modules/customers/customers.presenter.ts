import type { Customer } from '@atrium/shared';
import type { CustomerWithStats } from './customers.repo';

export function presentCustomer(row: CustomerWithStats): Customer {
  return {
    id: row.id,
    name: row.name,
    domains: row.domains,
    phone: row.phone,
    address: row.address,
    notes: row.notes,
    contactCount: row.contactCount,
    openTicketCount: row.openTicketCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
