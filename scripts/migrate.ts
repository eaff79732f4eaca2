// Applies pending migrations to DATABASE_URL (`npm run migrate`); the e2e setup uses it too.
import { loadConfig } from '@app/core';
import { runMigrations } from '@app/migrations';

async function main(): Promise<void> {
  const url = loadConfig().DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to the database to migrate');
  const applied = await runMigrations(url);
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Nothing to apply\n');
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
