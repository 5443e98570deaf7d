import {
  PAGE_SIZE_DEFAULT,
  type TICKET_SORTS,
  TicketListQuerySchema,
  type TicketPriority,
} from '@atrium/shared';
import type { z } from 'zod';
import type { TicketListQuery } from './api';

export type TicketSort = (typeof TICKET_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

/** The queue's filters as they live in the URL (`?status=Open,Pending&technician=me&page=2`). */
export type QueueFilters = {
  status: string[];
  priority: TicketPriority | '';
  /** `me`, `none` (unassigned), a technician id, or '' for anyone. */
  technician: string;
  customerId: string;
  q: string;
  sort: TicketSort;
  order: SortOrder;
  page: number;
};

const shape = TicketListQuerySchema.shape;
const DEFAULT_SORT: TicketSort = 'updatedAt';
const DEFAULT_ORDER: SortOrder = 'desc';

/** A value from the URL as the API's own schema reads it; anything it would refuse is left out. */
function read<S extends z.ZodType>(schema: S, value: string | null): z.output<S> | undefined {
  const parsed = schema.safeParse(value ?? undefined);
  return parsed.success ? parsed.data : undefined;
}

export function splitStatuses(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((status) => status.trim())
    .filter((status) => status !== '');
}

export function readFilters(params: URLSearchParams): QueueFilters {
  const technician = params.get('technician');
  return {
    status: splitStatuses(params.get('status')),
    priority: read(shape.priority, params.get('priority')) ?? '',
    technician: technician === 'me' ? 'me' : (read(shape.technicianId, technician) ?? ''),
    customerId: read(shape.customerId, params.get('customerId')) ?? '',
    q: (params.get('q') ?? '').slice(0, 200),
    sort: read(shape.sort, params.get('sort')) ?? DEFAULT_SORT,
    order: read(shape.order, params.get('order')) ?? DEFAULT_ORDER,
    page: read(shape.page, params.get('page')) ?? 1,
  };
}

/**
 * The URL form of the filters, in a fixed order and without defaults, so that the same filters
 * always give the same string (saved views are compared by it).
 */
export function filtersToParams(filters: QueueFilters, { withPage = true } = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status.length > 0) params.set('status', filters.status.join(','));
  if (filters.priority) params.set('priority', filters.priority);
  if (filters.technician) params.set('technician', filters.technician);
  if (filters.customerId) params.set('customerId', filters.customerId);
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.sort !== DEFAULT_SORT) params.set('sort', filters.sort);
  if (filters.order !== DEFAULT_ORDER) params.set('order', filters.order);
  if (withPage && filters.page > 1) params.set('page', String(filters.page));
  return params;
}

/** What identifies a view: the filters and the sort, not the page. */
export function viewKey(filters: QueueFilters): string {
  return filtersToParams(filters, { withPage: false }).toString();
}

/** A view's stored search string, normalized as if it had been read from a URL. */
export function normalizeSearch(search: string): string {
  return viewKey(readFilters(new URLSearchParams(search)));
}

/** The API query for the filters; "me" becomes the signed-in technician's id. */
export function toApiQuery(
  filters: QueueFilters,
  meId: string,
  pageSize = PAGE_SIZE_DEFAULT,
): TicketListQuery {
  const query: TicketListQuery = {
    page: filters.page,
    pageSize,
    sort: filters.sort,
    order: filters.order,
  };
  if (filters.status.length > 0) query.status = filters.status.join(',');
  if (filters.priority) query.priority = filters.priority;
  if (filters.technician) query.technicianId = filters.technician === 'me' ? meId : filters.technician;
  if (filters.customerId) query.customerId = filters.customerId;
  if (filters.q.trim()) query.q = filters.q.trim();
  return query;
}
