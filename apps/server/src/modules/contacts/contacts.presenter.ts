import type { Contact } from '@atrium/shared';
import type { ContactWithCustomer } from './contacts.repo';

export function presentContact(row: ContactWithCustomer): Contact {
  return {
    id: row.id,
    customerId: row.customerId,
    customer: row.customerId && row.customerName ? { id: row.customerId, name: row.customerName } : null,
    firstName: row.firstName,
    lastName: row.lastName,
    name: `${row.firstName} ${row.lastName}`,
    email: row.email,
    phone: row.phone,
    phoneVerified: row.phoneVerified,
    jobTitle: row.jobTitle,
    isPrimary: row.isPrimary,
    language: row.language,
    username: row.username,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
