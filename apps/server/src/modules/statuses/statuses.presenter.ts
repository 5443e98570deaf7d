import type { TicketStatus } from '@atrium/shared';
import type { TicketStatusRow } from './statuses.repo';

export function presentStatus(row: TicketStatusRow): TicketStatus {
  return { name: row.name, closed: row.closed, builtin: row.builtin, position: row.position };
}
