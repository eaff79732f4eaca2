// Starts the embedded PostgreSQL of `npm start` on its own and prints its URL (as the cluster's
// superuser, which owns the schema), for `npm run migration:generate` and for poking at the data
// with psql, and the application role's URL. Ctrl-C stops it.
import { APPLICATION_ROLE, loadConfig, startEmbeddedPostgres } from '@app/core';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await startEmbeddedPostgres({
    dataDir: config.DATA_DIR,
    port: config.EMBEDDED_PG_PORT,
    database: 'dispute_body',
    persistent: true,
    applicationRole: APPLICATION_ROLE,
  });
  process.stdout.write(`DATABASE_URL=${db.url}\n`);
  process.stdout.write(`# the application's role (what npm start connects as): ${db.appUrl}\n`);
  // A signal handler's result is ignored, so the promise ends here: a failed stop is said and
  // exits non-zero rather than becoming an unhandled rejection.
  const stop = () => {
    db.stop().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`Stopping the database failed: ${error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
