import { z } from 'zod';
import { normalizeSearch } from './queue-query';

export type SavedView = {
  id: string;
  name: string;
  /** The queue's query string without the page, e.g. `status=Open&technician=me`. */
  search: string;
  /** The defaults everyone has; they cannot be deleted. */
  builtin: boolean;
};

/** Only what a technician saved is stored; the defaults are derived from the current statuses. */
const StoredViewsSchema = z.array(z.object({ id: z.string(), name: z.string().min(1), search: z.string() }));

export function storageKey(technicianId: string): string {
  return `atrium.console.ticketViews.${technicianId}`;
}

/** "Open" means every status that does not count as closed, custom ones included. */
export function defaultViews(openStatuses: readonly string[], names: DefaultViewNames): SavedView[] {
  const open = openStatuses.join(',');
  const search = (params: Record<string, string>) => normalizeSearch(new URLSearchParams(params).toString());
  return [
    { id: 'mine', name: names.mine, search: search({ status: open, technician: 'me' }), builtin: true },
    {
      id: 'unassigned',
      name: names.unassigned,
      search: search({ status: open, technician: 'none' }),
      builtin: true,
    },
    { id: 'open', name: names.allOpen, search: search({ status: open }), builtin: true },
  ];
}

export type DefaultViewNames = { mine: string; unassigned: string; allOpen: string };

export function readStoredViews(storage: Pick<Storage, 'getItem'> | null, technicianId: string): SavedView[] {
  try {
    const raw = storage?.getItem(storageKey(technicianId));
    if (!raw) return [];
    const parsed = StoredViewsSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return [];
    return parsed.data.map((view) => ({ ...view, search: normalizeSearch(view.search), builtin: false }));
  } catch {
    // Storage disabled or a value that is not JSON: start without saved views.
    return [];
  }
}

export function writeStoredViews(
  storage: Pick<Storage, 'setItem'> | null,
  technicianId: string,
  views: readonly SavedView[],
): void {
  const stored = views.filter((view) => !view.builtin).map(({ id, name, search }) => ({ id, name, search }));
  try {
    storage?.setItem(storageKey(technicianId), JSON.stringify(stored));
  } catch {
    // Full or disabled storage: the view lasts until the page is reloaded.
  }
}

/** A saved view with the same name replaces the older one (saving again updates it). */
export function addView(views: readonly SavedView[], name: string, search: string, id: string): SavedView[] {
  const trimmed = name.trim();
  const others = views.filter((view) => view.builtin || view.name.toLowerCase() !== trimmed.toLowerCase());
  return [...others, { id, name: trimmed, search: normalizeSearch(search), builtin: false }];
}
