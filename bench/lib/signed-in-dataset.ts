import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** The bench data set in a new database, and a secretariat's access token for an API started on it. */
export interface SignedInDataset {
  /** As the owner: migrations, the data set, the harness's own statements. */
  databaseUrl: string;
  /** As the application's role: what the API under test connects with. */
  appUrl: string;
  /** JWT_SECRET for the API under test. */
  jwtSecret: string;
  /** A secretariat's access token (15 minutes), its sign-in recorded. */
  token: string;
}

/**
 * Creates database `name` on the bench's server, migrates it with the application role, loads the
 * bench data set (10 000 disputes) and signs the secretariat in: the set-up of the scripts that
 * measure the API on the secretariat's docket list (bench/request-path.ts).
 * Modules that read the environment are loaded here, after the caller's production-env.
 */
export async function signedInDataset(server: { createDatabase(name: string): Promise<string> }, name: string): Promise<SignedInDataset> {
  const { APPLICATION_ROLE, JWT_AUDIENCE, JWT_ISSUER, ensureApplicationRole, withCredentials } = await import('@app/core');
  const { runMigrations } = await import('@app/migrations');
  const { sign } = await import('jsonwebtoken');
  const { loadDataset } = await import('../dataset');
  const databaseUrl = await server.createDatabase(name);
  const appPassword = randomBytes(18).toString('base64url');
  await ensureApplicationRole(databaseUrl, APPLICATION_ROLE, appPassword);
  await runMigrations(databaseUrl, { applicationRole: APPLICATION_ROLE });
  const appUrl = withCredentials(databaseUrl, APPLICATION_ROLE, appPassword);
  const dataset = await loadDataset(databaseUrl);
  const jwtSecret = randomBytes(48).toString('base64url');
  const signInId = randomUUID();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('INSERT INTO sign_ins (id, user_id, created_at) VALUES ($1, $2, now())', [signInId, dataset.secretariatUserId]);
  } finally {
    await client.end();
  }
  const token = sign({ sub: dataset.secretariatUserId, role: 'SECRETARIAT', sid: signInId }, jwtSecret, {
    algorithm: 'HS256',
    issuer: JWT_ISSUER,
    audience: JWT_AUDIENCE,
    expiresIn: 900,
  });
  return { databaseUrl, appUrl, jwtSecret, token };
}
