// Applies pending migrations (`npm run migrate`); the e2e setup uses it too. As the owner
// (DATABASE_OWNER_URL) when set, granting the application's role (the user of DATABASE_URL) its
// rights afterwards; else as DATABASE_URL.
import { loadConfig } from '@app/core';
import { migrationTarget, runMigrations } from '@app/migrations';

async function main(): Promise<void> {
  const config = loadConfig();
  const appUrl = config.DATABASE_URL ?? config.DATABASE_OWNER_URL;
  if (!appUrl) throw new Error('Set DATABASE_URL (and DATABASE_OWNER_URL to migrate as the owner) to the database to migrate');
  const { url, options } = migrationTarget(appUrl, config.DATABASE_OWNER_URL);
  const applied = await runMigrations(url, options);
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Nothing to apply\n');
  if (options.applicationRole) process.stdout.write(`Granted the application role "${options.applicationRole}" its rights\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
