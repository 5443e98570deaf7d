import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { acmeAccounts, domainCertificates } from '../../db/schema';

/** Told whenever the custom domain or its certificate changes: every process reloads what it serves. */
export const DOMAINS_CHANNEL = 'atrium_domains';

export type DomainCertificateRow = typeof domainCertificates.$inferSelect;

export async function notifyDomainsChanged(db: Db): Promise<void> {
  await db.execute(sql`select pg_notify(${DOMAINS_CHANNEL}, '')`);
}

export async function findDomainCertificate(
  db: Db,
  domain: string,
): Promise<DomainCertificateRow | undefined> {
  const [row] = await db
    .select()
    .from(domainCertificates)
    .where(eq(domainCertificates.domain, domain))
    .limit(1);
  return row;
}

export async function hasDomainCertificate(db: Db, domain: string): Promise<boolean> {
  const [row] = await db
    .select({ domain: domainCertificates.domain })
    .from(domainCertificates)
    .where(and(eq(domainCertificates.domain, domain), sql`${domainCertificates.certificate} is not null`))
    .limit(1);
  return row !== undefined;
}

export async function findChallengeResponse(db: Db, token: string): Promise<string | undefined> {
  const [row] = await db
    .select({ response: domainCertificates.challengeResponse })
    .from(domainCertificates)
    .where(eq(domainCertificates.challengeToken, token))
    .limit(1);
  return row?.response ?? undefined;
}

/**
 * Takes the domain's order lease for `seconds` unless another process holds it or the certificate
 * does not expire within `renewBeforeSeconds` (another process just renewed it): true when this one
 * may order. One statement, so two processes racing for it cannot both win.
 */
export async function claimOrder(
  db: Db,
  domain: string,
  seconds: number,
  renewBeforeSeconds: number,
): Promise<boolean> {
  const until = sql`now() + make_interval(secs => ${seconds})`;
  const rows = await db
    .insert(domainCertificates)
    .values({ domain, orderingUntil: until })
    .onConflictDoUpdate({
      target: domainCertificates.domain,
      set: { orderingUntil: until, updatedAt: sql`now()` },
      setWhere: and(
        or(isNull(domainCertificates.orderingUntil), lt(domainCertificates.orderingUntil, sql`now()`)),
        or(
          isNull(domainCertificates.notAfter),
          lt(domainCertificates.notAfter, sql`now() + make_interval(secs => ${renewBeforeSeconds})`),
        ),
      ),
    })
    .returning({ domain: domainCertificates.domain });
  return rows.length > 0;
}

export async function saveChallenge(db: Db, domain: string, token: string | null, response: string | null) {
  await db
    .update(domainCertificates)
    .set({ challengeToken: token, challengeResponse: response })
    .where(eq(domainCertificates.domain, domain));
}

export type StoredCertificate = {
  certificate: string;
  privateKey: string;
  source: 'acme' | 'upload';
  notAfter: Date;
};

/** The domain's new certificate; ends any order in progress for it. */
export async function storeCertificate(db: Db, domain: string, stored: StoredCertificate): Promise<void> {
  const values = {
    ...stored,
    orderingUntil: null,
    challengeToken: null,
    challengeResponse: null,
    lastError: null,
    updatedAt: new Date(),
  };
  await db
    .insert(domainCertificates)
    .values({ domain, ...values })
    .onConflictDoUpdate({ target: domainCertificates.domain, set: values });
}

/** Ends the order: the lease is released, and `updatedAt` dates the failure for the retry backoff. */
export async function recordOrderFailure(db: Db, domain: string, message: string): Promise<void> {
  await db
    .update(domainCertificates)
    .set({
      orderingUntil: null,
      challengeToken: null,
      challengeResponse: null,
      lastError: message,
      updatedAt: new Date(),
    })
    .where(eq(domainCertificates.domain, domain));
}

/** The account key for the directory: the one already stored, else `candidate`, which is stored. */
export async function acmeAccountKey(db: Db, directoryUrl: string, candidate: () => Promise<string>) {
  const find = async () =>
    (
      await db
        .select({ privateKey: acmeAccounts.privateKey })
        .from(acmeAccounts)
        .where(eq(acmeAccounts.directoryUrl, directoryUrl))
        .limit(1)
    )[0]?.privateKey;
  const stored = await find();
  if (stored) return stored;
  await db
    .insert(acmeAccounts)
    .values({ directoryUrl, privateKey: await candidate() })
    .onConflictDoNothing();
  // Another process may have stored its key first: every process uses the one that won.
  const key = await find();
  if (!key) throw new Error('the ACME account key was not stored');
  return key;
}
