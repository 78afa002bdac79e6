/**
 * A throwaway self-signed certificate for `localhost` (EC P-256, valid one day), made with the system's
 * `openssl` into a fresh temp dir, for the TLS demo scenarios and tests. Never use it for anything real.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SelfSigned {
  /** PEM private key. */
  key: string;
  /** PEM certificate, CN=localhost. */
  cert: string;
  /** Deletes the temp dir the files were written to. */
  cleanup(): void;
}

/** Generates the key and certificate; throws with openssl's message when openssl is missing or fails. */
export function createSelfSigned(): SelfSigned {
  const dir = mkdtempSync(join(tmpdir(), 'hyperscope-cert-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  // prettier-ignore
  const args = [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-keyout', keyPath, '-out', certPath,
  ];
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
    return {
      key: readFileSync(keyPath, 'utf8'),
      cert: readFileSync(certPath, 'utf8'),
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not make a self-signed certificate with openssl: ${(error as Error).message}`);
  }
}
