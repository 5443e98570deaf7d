import { describe, expect, it } from 'vitest';
import { readFilters, toApiQuery, writeFilters } from './list-query';

describe('the ticket list filters', () => {
  it('default to my tickets, every status, first page', () => {
    expect(readFilters(new URLSearchParams(''), true)).toEqual({
      scope: 'mine',
      status: 'all',
      q: '',
      page: 1,
    });
  });

  it('give the company scope to primary contacts only', () => {
    const params = new URLSearchParams('scope=company');
    expect(readFilters(params, true).scope).toBe('company');
    expect(readFilters(params, false).scope).toBe('mine');
  });

  it('ignore a page that is not a whole number above one', () => {
    for (const page of ['0', '-2', '1.5', 'x']) {
      expect(readFilters(new URLSearchParams({ page }), false).page).toBe(1);
    }
    expect(readFilters(new URLSearchParams({ page: '3' }), false).page).toBe(3);
  });

  it('round-trip through the URL, leaving defaults out', () => {
    const filters = { scope: 'company', status: 'active', q: 'printer', page: 2 } as const;
    expect(writeFilters(filters).toString()).toBe('scope=company&status=active&q=printer&page=2');
    expect(readFilters(writeFilters(filters), true)).toEqual(filters);
    expect(writeFilters({ scope: 'mine', status: 'all', q: ' ', page: 1 }).toString()).toBe('');
  });

  it('ask the API for open and pending tickets when only active ones are wanted', () => {
    expect(toApiQuery({ scope: 'mine', status: 'active', q: '', page: 1 }, ['Open', 'Pending'])).toEqual({
      scope: 'mine',
      status: 'Open,Pending',
      page: 1,
      pageSize: 20,
    });
    expect(toApiQuery({ scope: 'mine', status: 'all', q: ' vpn ', page: 2 }, ['Open'], 5)).toEqual({
      scope: 'mine',
      status: undefined,
      q: 'vpn',
      page: 2,
      pageSize: 5,
    });
    expect(toApiQuery({ scope: 'company', status: 'Resolved', q: '', page: 1 }, ['Open']).status).toBe(
      'Resolved',
    );
  });
});
