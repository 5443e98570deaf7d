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
