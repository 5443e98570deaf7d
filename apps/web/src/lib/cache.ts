/**
 * Reference data every page needs and that rarely changes (statuses, custom fields, technicians):
 * loaded once, shared by every component, and loaded again after an admin changes it.
 */
export type Cached<T> = {
  get: () => Promise<T>;
  invalidate: () => void;
  subscribe: (listener: () => void) => () => void;
};

const all = new Set<Cached<unknown>>();

/** Forgets everything: another technician may sign in next, with other rights. */
export function invalidateAll(): void {
  for (const resource of all) resource.invalidate();
}

export function cached<T>(load: () => Promise<T>): Cached<T> {
  let promise: Promise<T> | null = null;
  const listeners = new Set<() => void>();
  const resource: Cached<T> = {
    get() {
      if (!promise) {
        const pending = load();
        promise = pending;
        // A failure is not remembered: the next reader tries again.
        pending.catch(() => {
          if (promise === pending) promise = null;
        });
      }
      return promise;
    },
    invalidate() {
      promise = null;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  all.add(resource);
  return resource;
}
