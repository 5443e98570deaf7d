import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { invalidField } from '../../lib/app-error';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates of a PEM chain, in order; the first is the server's own. */
export function splitChain(pem: string): string[] {
  return pem.match(PEM_CERTIFICATE) ?? [];
}

export function notAfterOf(pem: string): Date {
  const [leaf] = splitChain(pem);
  if (!leaf) throw new Error('no certificate in the PEM');
  return new Date(new X509Certificate(leaf).validTo);
}

/**
 * An uploaded certificate and key, checked before anything is stored: a pair that does not match, or
 * a certificate for another host, would break the portal's HTTPS for every visitor.
 */
export function checkUploadedCertificate(
  upload: { certificate: string; privateKey: string },
  domain: string,
  now: Date,
): { certificate: string; privateKey: string; notAfter: Date } {
  const chain = splitChain(upload.certificate);
  let leaf: X509Certificate;
  try {
    if (!chain[0]) throw new Error('no certificate');
    leaf = new X509Certificate(chain[0]);
    for (const issuer of chain.slice(1)) new X509Certificate(issuer);
  } catch {
    throw invalidField('certificate', 'must be PEM certificates, the domain’s own first');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(upload.privateKey);
  } catch {
    throw invalidField('privateKey', 'must be an unencrypted PEM private key');
  }
  if (!leaf.checkPrivateKey(key)) throw invalidField('privateKey', 'does not belong to the certificate');
  if (leaf.checkHost(domain) === undefined) {
    throw invalidField(
      'certificate',
      `is not valid for ${domain} (it names ${leaf.subjectAltName ?? leaf.subject.replace(/\n/g, ', ')})`,
    );
  }
  const notAfter = new Date(leaf.validTo);
  if (notAfter <= now) throw invalidField('certificate', `expired on ${notAfter.toISOString()}`);
  if (new Date(leaf.validFrom) > now) throw invalidField('certificate', 'is not valid yet');
  return {
    certificate: `${chain.join('\n')}\n`,
    privateKey: key.export({ format: 'pem', type: 'pkcs8' }).toString(),
    notAfter,
  };
}
