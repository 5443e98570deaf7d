import { Resolver } from 'node:dns/promises';
import type { CustomDomainStatus } from '@atrium/shared';

export type DnsCheck = NonNullable<CustomDomainStatus['dns']>;

const normalize = (host: string) => host.toLowerCase().replace(/\.$/, '');

/** No such name, or a name without a CNAME (an A record, say): either way the admin must create one. */
const MISSING = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN']);

/** Checks that `domain` is a CNAME of `target`, asking `servers` (empty: the system's resolvers). */
export function createDnsCheck(servers: string[]) {
  const resolver = new Resolver({ timeout: 3_000, tries: 2 });
  if (servers.length > 0) resolver.setServers(servers);
  return async (domain: string, target: string): Promise<DnsCheck> => {
    try {
      const found = (await resolver.resolveCname(domain)).map(normalize);
      return { status: found.includes(normalize(target)) ? 'ok' : 'wrong_target', found };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      return { status: MISSING.has(code) ? 'missing' : 'lookup_failed', found: [] };
    }
  };
}
