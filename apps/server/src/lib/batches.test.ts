import { describe, expect, it } from 'vitest';
import { createBatchedCalls, createBatches } from './batches';

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

describe('createBatchedCalls', () => {
  it('answers the calls of a moment with one batch, and each left-out call alone with its own answer or error', async () => {
    const batches: number[][] = [];
    const call = createBatchedCalls(
      async (inputs: number[]) => {
        batches.push(inputs);
        return inputs.map((n) => (n % 2 === 0 ? `even ${n}` : undefined));
      },
      async (n) => {
        if (n === 3) throw new Error('three is refused');
        return `alone ${n}`;
      },
    );
    const answers = await Promise.allSettled([1, 2, 3, 4].map(call));
    expect(batches).toEqual([[1, 2, 3, 4]]);
    expect(answers).toEqual([
      { status: 'fulfilled', value: 'alone 1' },
      { status: 'fulfilled', value: 'even 2' },
      { status: 'rejected', reason: new Error('three is refused') },
      { status: 'fulfilled', value: 'even 4' },
    ]);
  });

  it('a failed batch sends every call alone', async () => {
    const call = createBatchedCalls(
      async (): Promise<string[]> => {
        throw new Error('a device was removed meanwhile');
      },
      async (n: number) => `alone ${n}`,
    );
    expect(await Promise.all([5, 6].map(call))).toEqual(['alone 5', 'alone 6']);
  });
});
