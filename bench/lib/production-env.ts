// Imported first by bench/run.ts: the API under test runs in the harness process, and libraries
// read NODE_ENV from the environment once, when they load (graphql-js swaps its cross-realm
// `instanceOf` check for a plain `instanceof`, Express turns off its development behaviour).
// A deployed API has NODE_ENV=production in its environment; measuring it without would charge it
// for checks it does not run (2.6 % of the docket list's CPU was graphql-js's instanceOf alone).
import { generateKeyPairSync, randomBytes } from 'node:crypto';

process.env.NODE_ENV = 'production';

/**
 * The secrets production requires besides JWT_SECRET, fresh for one bench run: a ballot secret,
 * the key that seals second-factor secrets (a bench enrols none) and the audit trail's Ed25519
 * signing key. Every process of the run gets the same ones, as the processes of one deployment do.
 * (node:crypto, not @app/core: this module runs before any library loads.)
 */
export function productionSecrets(): { BALLOT_SECRET: string; MFA_ENCRYPTION_KEY: string; AUDIT_SIGNING_KEY: string } {
  return {
    BALLOT_SECRET: randomBytes(48).toString('base64url'),
    MFA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
