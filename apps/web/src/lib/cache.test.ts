import { describe, expect, it, vi } from 'vitest';
import { cached, invalidateAll } from './cache';

describe('cached', () => {
  it('loads once for every reader, and again after invalidation, telling subscribers', async () => {
    const load = vi.fn(async () => 'statuses');
    const resource = cached(load);
    const listener = vi.fn();
    resource.subscribe(listener);
    await Promise.all([resource.get(), resource.get()]);
    expect(load).toHaveBeenCalledTimes(1);
    invalidateAll();
    expect(listener).toHaveBeenCalledTimes(1);
    await resource.get();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not remember a failure', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue('ok');
    const resource = cached(load);
    await expect(resource.get()).rejects.toThrow('offline');
    await expect(resource.get()).resolves.toBe('ok');
  });
});
