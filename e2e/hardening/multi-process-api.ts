import { loadConfigOrExit, resolveJwtSecret } from '@app/core';
import { runMigrations } from '@app/migrations';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { closeOnSignals } from '../../apps/api/src/cluster';

/**
 * One API process of the multi-process e2e test: what `apps/api/src/main.ts` does against a
 * server named by DATABASE_URL (pending migrations, then the real application on PORT), without
 * what that file adds for `npm start`: no embedded database, no demo data and no worker of its
 * own (the test runs exactly one, `apps/worker/src/main.ts`). `main.ts` forks the compiled
 * worker from `dist/`, which a clean clone does not have before `npm test`.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    process.stderr.write('DATABASE_URL is required: this process never starts a database of its own\n');
    process.exit(1);
  }
  await runMigrations(databaseUrl);
  const app = await createApiApp({ config, databaseUrl, jwtSecret: resolveJwtSecret(config) });
  await app.listen(config.PORT, '127.0.0.1');
  process.stdout.write(`API listening on ${config.PORT}\n`);

  // Forked by the test: when the test process goes away, so does this one.
  closeOnSignals(app);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
