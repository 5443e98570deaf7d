import { describe, expect, it } from 'vitest';
import { filtersToParams, normalizeSearch, readFilters, toApiQuery, viewKey } from './queue-query';
import { addView, defaultViews, readStoredViews, writeStoredViews } from './saved-views';

const ME = '11111111-1111-4111-8111-111111111111';
const CUSTOMER = '22222222-2222-4222-8222-222222222222';

describe('queue filters in the URL', () => {
  it('reads what the API accepts and drops the rest', () => {
    const filters = readFilters(
      new URLSearchParams(
        'status=Open, Pending,&priority=Urgent&technician=me&customerId=nope&sort=number&page=0',
      ),
    );
    expect(filters).toEqual({
      status: ['Open', 'Pending'],
      priority: '',
      technician: 'me',
      customerId: '',
      q: '',
      sort: 'number',
      order: 'desc',
      page: 1,
    });
  });

  it('writes them back in a fixed order, without defaults', () => {
    const filters = readFilters(new URLSearchParams(`q=printer&customerId=${CUSTOMER}&status=Open&page=3`));
    expect(filtersToParams(filters).toString()).toBe(`status=Open&customerId=${CUSTOMER}&q=printer&page=3`);
    expect(viewKey(filters)).toBe(`status=Open&customerId=${CUSTOMER}&q=printer`);
    expect(normalizeSearch('technician=none&status=Open&sort=updatedAt')).toBe('status=Open&technician=none');
  });

  it('asks the API for "mine" with the signed-in technician id', () => {
    const filters = readFilters(
      new URLSearchParams('status=Open,Pending&technician=me&priority=High&page=2'),
    );
    expect(toApiQuery(filters, ME, 25)).toEqual({
      page: 2,
      pageSize: 25,
      sort: 'updatedAt',
      order: 'desc',
      status: 'Open,Pending',
      priority: 'High',
      technicianId: ME,
    });
    expect(toApiQuery(readFilters(new URLSearchParams('technician=none')), ME).technicianId).toBe('none');
  });
});

describe('saved views', () => {
  const names = { mine: 'My open tickets', unassigned: 'Unassigned', allOpen: 'All open' };

  it('has defaults built on the statuses that are not closed', () => {
    const views = defaultViews(['Open', 'Pending', 'Waiting on vendor'], names);
    expect(views.map((view) => [view.name, view.search])).toEqual([
      ['My open tickets', 'status=Open%2CPending%2CWaiting+on+vendor&technician=me'],
      ['Unassigned', 'status=Open%2CPending%2CWaiting+on+vendor&technician=none'],
      ['All open', 'status=Open%2CPending%2CWaiting+on+vendor'],
    ]);
  });

  it('stores only the technician’s own views, per technician, and survives bad storage', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => void store.set(key, value),
    };
    const views = addView(defaultViews(['Open'], names), 'Critical', 'priority=Critical&page=4', 'v1');
    writeStoredViews(storage, ME, views);
    expect(readStoredViews(storage, ME)).toEqual([
      { id: 'v1', name: 'Critical', search: 'priority=Critical', builtin: false },
    ]);
    expect(readStoredViews(storage, CUSTOMER)).toEqual([]);
    store.set(`atrium.console.ticketViews.${ME}`, '{not json');
    expect(readStoredViews(storage, ME)).toEqual([]);
  });

  it('replaces a saved view of the same name', () => {
    const first = addView([], 'Mine', 'technician=me', 'a');
    expect(addView(first, ' mine ', 'technician=none', 'b')).toEqual([
      { id: 'b', name: 'mine', search: 'technician=none', builtin: false },
    ]);
  });
});
