import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A self-signed certificate for `host` and its key (PEM), valid `days` from now, made by openssl;
 * `altNames` are its subject alternative names (`DNS:…`, `IP:…`), the host's alone by default.
 */
export function selfSignedCertificate(
  host: string,
  days: number,
  altNames = [`DNS:${host}`],
): { certificate: string; privateKey: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-days',
        String(days),
        '-subj',
        `/CN=${host}`,
        '-addext',
        `subjectAltName=${altNames.join(',')}`,
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      certificate: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
      privateKey: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
