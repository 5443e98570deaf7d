import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { notAfterOf } from './certificates';
import { acmeAccountKey, type StoredCertificate, saveChallenge } from './domains.repo';

/**
 * Orders a certificate for `domain` over ACME HTTP-01; the caller holds the domain's order lease.
 * The key authorization is kept in the database, so whichever process the CA's request reaches
 * answers it.
 */
export async function orderCertificate(db: Db, config: Config, domain: string): Promise<StoredCertificate> {
  // Loaded for an order only: a server without a custom domain does not hold it (~12 MiB).
  const acme = await import('acme-client');
  const { directoryUrl, email } = config.acme;
  const accountKey = await acmeAccountKey(db, directoryUrl, async () =>
    (await acme.crypto.createPrivateEcdsaKey()).toString(),
  );
  const client = new acme.Client({ directoryUrl, accountKey });
  const [privateKey, csr] = await acme.crypto.createCsr(
    { commonName: domain, altNames: [domain] },
    await acme.crypto.createPrivateEcdsaKey(),
  );
  const certificate = await client.auto({
    csr,
    ...(email ? { email } : {}),
    termsOfServiceAgreed: true,
    challengePriority: ['http-01'],
    // Its own pre-check asks the system's DNS and retries for minutes; our CNAME check came first,
    // and the CA's validation is the one that counts.
    skipChallengeVerification: true,
    challengeCreateFn: async (_authz, challenge, keyAuthorization) =>
      saveChallenge(db, domain, challenge.token, keyAuthorization),
    challengeRemoveFn: async () => saveChallenge(db, domain, null, null),
  });
  return {
    certificate,
    privateKey: privateKey.toString(),
    source: 'acme',
    notAfter: notAfterOf(certificate),
  };
}
