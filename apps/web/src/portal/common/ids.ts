const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a URL segment can be an id at all: anything else is "not found" without asking the API. */
export function isId(value: string): boolean {
  return UUID.test(value);
}
