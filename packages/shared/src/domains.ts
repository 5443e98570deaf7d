import { z } from 'zod';

/**
 * The portal's custom domain (SPEC §3.1): what DNS answers for it and which certificate serves it.
 * `dns.status` tells the admin what to fix: `missing` (no CNAME: create one to `cnameTarget`),
 * `wrong_target` (a CNAME to another host: change it), `lookup_failed` (DNS did not answer).
 */
export const DNS_CHECK_STATUSES = ['ok', 'missing', 'wrong_target', 'lookup_failed'] as const;
export const CERTIFICATE_SOURCES = ['acme', 'upload'] as const;

export const CustomDomainStatusSchema = z.object({
  domain: z.string().nullable(),
  /** The host of PUBLIC_URL: the CNAME's target. */
  cnameTarget: z.string(),
  dns: z.object({ status: z.enum(DNS_CHECK_STATUSES), found: z.array(z.string()) }).nullable(),
  certificate: z
    .object({
      source: z.enum(CERTIFICATE_SOURCES),
      notAfter: z.string(),
      expired: z.boolean(),
    })
    .nullable(),
  /** An ACME order for the domain is running now. */
  ordering: z.boolean(),
  /** Why the last ACME order failed; cleared by the next certificate. */
  lastError: z.string().nullable(),
  /** This server answers HTTPS (HTTPS_PORT is set): without it no certificate is ordered. */
  httpsEnabled: z.boolean(),
});
export type CustomDomainStatus = z.infer<typeof CustomDomainStatusSchema>;

/** PUT /api/v1/settings/portal/domain/certificate: the fallback when ACME cannot be used. */
export const CertificateUploadSchema = z.strictObject({
  /** PEM, the domain's certificate first, then its chain. */
  certificate: z.string().min(1).max(100_000),
  privateKey: z.string().min(1).max(20_000),
});
export type CertificateUpload = z.infer<typeof CertificateUploadSchema>;
