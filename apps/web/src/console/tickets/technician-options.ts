import type { Technician } from '@atrium/shared';

export type Person = { id: string; name: string };

/**
 * Who a ticket can be assigned to: everyone when the list is available, otherwise the signed-in
 * technician and whoever is assigned already (see `assigneesCache`).
 */
export function assigneeChoices(
  all: readonly Technician[] | null | undefined,
  me: Person,
  current?: Person | null,
) {
  const people: Person[] = all ? all.map(({ id, name }) => ({ id, name })) : [me];
  if (!people.some((person) => person.id === me.id)) people.unshift(me);
  if (current && !people.some((person) => person.id === current.id)) people.push(current);
  return people;
}
