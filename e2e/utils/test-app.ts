import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { Client } from 'pg';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ManualClock, UserEntity, loadConfig, quoteIdent, withCredentials } from '@app/core';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { ENV_ADMIN_URL, ENV_APP_PASSWORD, ENV_APP_ROLE, ENV_TEMPLATE_DB, withDatabase } from '../setup/test-database';

export interface GqlResult<T = Record<string, any>> {
  data: T | null;
  errors?: { message: string; path?: string[]; extensions: Record<string, any> }[];
}

export interface TestApp {
  app: INestApplication;
  clock: ManualClock;
  /** The application's own connection: its role reads and writes the tables but may not rewrite the audit trail. */
  db: DataSource;
  /** The application's URL (its role). */
  databaseUrl: string;
  /** The same database as its owner (the server's admin): for a test that plays the superuser. */
  ownerUrl: string;
  /** Runs `work` on a connection as the owner, then closes it. */
  asOwner<T>(work: (client: Client) => Promise<T>): Promise<T>;
  http: () => ReturnType<typeof request>;
  /** Runs a GraphQL operation over HTTP, as a client would. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  /**
   * A valid access token for a user, signed like the API signs them, of the user's standing
   * sign-in: the one `createUser` (factories) opens for every user it makes, whose id is the
   * user's. Revoking it (deactivation, resetTotp) stops these tokens as it would a real sign-in's.
   */
  tokenFor(user: Pick<UserEntity, 'id' | 'role'>): string;
  close(): Promise<void>;
}

export const TEST_JWT_SECRET = randomBytes(48).toString('base64url');
/**
 * The ballot secret of the test file's deployment (libs/panels/README.md, Ballot secrecy): every
 * application a test file starts, and the processes it forks, open and count ballots with the same
 * one, as the processes of one deployment do; a test gives another in `env` to act as a process
 * with the wrong secret.
 */
export const TEST_BALLOT_SECRET = randomBytes(48).toString('base64url');
export const TEST_MFA_ENCRYPTION_KEY = randomBytes(32).toString('base64');

/**
 * The secrets of the test file's deployment, as production requires them: every application and
 * process a test file starts gets these. The audit signing key is the run's (the global setup's),
 * so that every process of a run signs alike.
 */
export function testSecrets(): Record<string, string> {
  return {
    JWT_SECRET: TEST_JWT_SECRET,
    BALLOT_SECRET: TEST_BALLOT_SECRET,
    MFA_ENCRYPTION_KEY: TEST_MFA_ENCRYPTION_KEY,
    ...(process.env.AUDIT_SIGNING_KEY ? { AUDIT_SIGNING_KEY: process.env.AUDIT_SIGNING_KEY } : {}),
  };
}

async function cloneTemplate(adminUrl: string, template: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await admin.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
        return;
      } catch (error) {
        // Two files cloning the template at the same instant: PostgreSQL refuses the second.
        if (attempt < 20 && /being accessed by other users/.test((error as Error).message)) {
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
          continue;
        }
        throw error;
      }
    }
  } finally {
    await admin.end();
  }
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * Boots the real API application on a database of this test file's own, cloned from the migrated
 * template, with a clock the test moves. With `databaseUrl`, on that (already migrated) database
 * instead, which the test owns: nothing is cloned, and `close()` leaves the database alone.
 */
export async function startTestApp(
  options: {
    env?: Record<string, string>;
    start?: string;
    databaseUrl?: string;
    /** No error log: for a test that causes server errors on purpose (the crash test). */
    quiet?: boolean;
    /** Where the application's JSON log lines go: a test that reads them (give LOG_LEVEL in env). */
    logDestination?: DestinationStream;
  } = {},
): Promise<TestApp> {
  let databaseUrl: string;
  let ownerUrl: string;
  let dropOwnDatabase: () => Promise<void> = async () => undefined;
  if (options.databaseUrl) {
    databaseUrl = options.databaseUrl;
    ownerUrl = options.databaseUrl;
  } else {
    const adminUrl = process.env[ENV_ADMIN_URL];
    const template = process.env[ENV_TEMPLATE_DB];
    if (!adminUrl || !template) throw new Error('The e2e global setup did not run');
    const file = basename(expect.getState().testPath ?? 'test')
      .replace(/\W+/g, '_')
      .slice(0, 30);
    const name = `t_${file}_${randomBytes(4).toString('hex')}`.toLowerCase();
    await cloneTemplate(adminUrl, template, name);
    ownerUrl = withDatabase(adminUrl, name);
    const role = process.env[ENV_APP_ROLE];
    const password = process.env[ENV_APP_PASSWORD];
    if (!role || !password) throw new Error('The e2e global setup made no application role');
    databaseUrl = withCredentials(ownerUrl, role, password);
    dropOwnDatabase = () => dropDatabase(adminUrl, name);
  }
  const clock = new ManualClock(options.start ?? '2026-03-02T09:00:00Z');
  // Tests are quiet: no log line unless a test asks (its env's LOG_LEVEL, or a logDestination it
  // reads), or whoever runs them does (TEST_LOG_LEVEL=error npx jest …, to see an internal error's cause).
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...testSecrets(),
    DATABASE_URL: databaseUrl,
    ...options.env,
  });
  const app = await createApiApp({
    config,
    databaseUrl,
    jwtSecret: TEST_JWT_SECRET,
    clock,
    ...(options.quiet ? { logger: false as const } : {}),
    ...(options.logDestination ? { logDestination: options.logDestination } : {}),
  });
  const server = app.getHttpServer();
  const jwt = app.get(JwtService);
  return {
    app,
    clock,
    db: app.get(DataSource),
    databaseUrl,
    ownerUrl,
    async asOwner(work) {
      const client = new Client({ connectionString: ownerUrl });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.end();
      }
    },
    http: () => request(server),
    async gql(query, variables, token) {
      const req = request(server).post('/graphql').set('content-type', 'application/json');
      if (token) req.set('authorization', `Bearer ${token}`);
      const res = await req.send({ query, variables });
      return res.body;
    },
    tokenFor(user) {
      const iat = Math.floor(clock.now().getTime() / 1000);
      return jwt.sign({ sub: user.id, role: user.role, sid: user.id, iat, exp: iat + 900 });
    },
    async close() {
      await app.close();
      await dropOwnDatabase();
    },
  };
}
