import { describe, expect, it } from 'vitest';
import { createBatches } from './batches';

describe('createBatches', () => {
  it('does a moment’s work in one batch, then what arrived meanwhile, one batch at a time', async () => {
    const pending: number[] = [];
    const done: number[][] = [];
    let running = 0;
    const batches = createBatches(
      () => pending.length > 0,
      async () => {
        running++;
        expect(running).toBe(1);
        const batch = pending.splice(0);
        await new Promise((resolve) => setTimeout(resolve, 5));
        done.push(batch);
        // Arrives while this batch is being done, and as it finishes: neither waits for a kick.
        if (batch.includes(1)) {
          pending.push(3);
          batches.kick();
          queueMicrotask(() => {
            pending.push(4);
            batches.kick();
          });
        }
        running--;
      },
      (error) => {
        throw error;
      },
    );
    pending.push(1);
    batches.kick();
    pending.push(2);
    batches.kick();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await batches.settled();
    expect(done).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('reports a failed batch and takes the next kick', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const pending: string[] = [];
    const batches = createBatches(
      () => pending.length > 0,
      async () => {
        pending.splice(0);
        if (fail) throw new Error('database down');
      },
      (error) => errors.push(error),
    );
    pending.push('a');
    batches.kick();
    await new Promise((resolve) => setTimeout(resolve, 10));
    fail = false;
    pending.push('b');
    batches.kick();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(errors).toHaveLength(1);
    expect(pending).toEqual([]);
  });
});
