/**
 * Work gathered over a moment and done in batches, one batch at a time: callers add to their own
 * pending collection and call `kick`; `take` empties it into one batch and does it, for as long as
 * `hasPending` says there is more. The check and the end of a drain happen in one synchronous step,
 * so what arrives while the last batch is being done is never left waiting for the next kick.
 */
export function createBatches(
  hasPending: () => boolean,
  take: () => Promise<void>,
  onError: (error: unknown) => void,
) {
  let draining: Promise<void> | undefined;
  async function drain(): Promise<void> {
    try {
      // Let the rest of this moment's work arrive first.
      await new Promise((resolve) => setImmediate(resolve));
      while (hasPending()) await take();
    } catch (error) {
      onError(error);
    } finally {
      draining = undefined;
    }
  }
  return {
    kick(): void {
      draining ??= drain();
    },
    /** Resolves once nothing is being done (the process is stopping). */
    settled: (): Promise<void> => draining ?? Promise.resolve(),
  };
}

/**
 * Calls made in the same moment done as one, as a group commit: `many` answers a whole batch (one
 * statement for the requests of a moment, however many); an input it gives no answer for
 * (undefined), or every input when it fails, goes through `one`, whose answer or error is that
 * caller's alone.
 */
export function createBatchedCalls<I, O>(
  many: (inputs: I[]) => Promise<readonly (O | undefined)[]>,
  one: (input: I) => Promise<O>,
): (input: I) => Promise<O> {
  let pending: { input: I; resolve: (output: O | Promise<O>) => void }[] = [];
  const batches = createBatches(
    () => pending.length > 0,
    async () => {
      const batch = pending;
      pending = [];
      const outputs = await many(batch.map((call) => call.input)).catch(() => []);
      batch.forEach((call, i) => {
        const output = outputs[i];
        call.resolve(output === undefined ? one(call.input) : output);
      });
    },
    () => {
      // `take` cannot fail: a failed batch goes through `one`, call by call.
    },
  );
  return (input) =>
    new Promise((resolve) => {
      pending.push({ input, resolve });
      batches.kick();
    });
}
