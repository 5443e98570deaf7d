import { afterEach, describe, expect, it } from 'vitest';
import { startIdleCollector } from './idle-memory';

const MiB = 1024 * 1024;
const INTERVAL_MS = 20;
const tick = (intervals: number) =>
  new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * intervals + 5));

/** A process whose CPU time and heap the test sets, and the collections asked of it. */
function fakeProcess() {
  const state = { cpuMicros: 0, total: 100 * MiB, used: 40 * MiB, collections: 0 };
  const busy = () => {
    // Half a core over the interval.
    state.cpuMicros += INTERVAL_MS * 500;
  };
  const collector = startIdleCollector({
    intervalMs: INTERVAL_MS,
    cpuMicros: () => state.cpuMicros,
    heap: () => ({ total: state.total, used: state.used }),
    collect: () => {
      state.collections++;
      state.total = state.used;
    },
  });
  return { state, busy, collector };
}

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('the idle collector', () => {
  it('gives memory back once after a burst, when the process has gone quiet', async () => {
    const { state, busy, collector } = fakeProcess();
    stop = collector.stop;
    busy();
    await tick(1);
    expect(state.collections).toBe(0);
    await tick(3);
    expect(state.collections).toBe(1);
    expect(state.total).toBe(40 * MiB);
    // Quiet from then on: nothing more to give back, nothing more is done.
    await tick(3);
    expect(state.collections).toBe(1);
  });

  it('never collects while the process keeps working', async () => {
    const { state, busy, collector } = fakeProcess();
    stop = collector.stop;
    const working = setInterval(busy, INTERVAL_MS / 2);
    await tick(6);
    clearInterval(working);
    expect(state.collections).toBe(0);
  });

  it('leaves a process that has done nothing, or holds little unused heap, alone', async () => {
    const { state, busy, collector } = fakeProcess();
    stop = collector.stop;
    await tick(4);
    expect(state.collections).toBe(0);
    state.total = state.used + 4 * MiB;
    busy();
    await tick(4);
    expect(state.collections).toBe(0);
  });
});
