// The benchmark data set: a large registry, loaded with bulk SQL into a migrated database.
//
//   DATABASE_URL=postgres://… npm run bench:dataset      (or: node -r ts-node/register/transpile-only
//   -r tsconfig-paths/register bench/dataset/index.ts [--force])
//
// 10 000 disputes, 100 000 docket entries (some 110 000 since the panels' procedure is followed
// more closely: see MIN_THIRD_PARTIES_PER_DISPUTE), 20 000 documents (metadata, with a tiny content
// row each), 50 members, 300 roster persons, 200 closed panel elections with their candidates,
// electorate, ballots, count and seated panel, the body's weekly meetings (convened a month ahead,
// a quorum present: its decisions are taken there) and the panels' timetables. Every dispute is
// driven through the real procedure engine (`decide` / `applyDecision` of @app/procedure) from its
// filing to today, with the worker's deadline sweep replayed at the instants limits run out: its
// stage, state, deadline rows, stage history and docket are what the services would have written
// (third parties ask to join and the respondent accepts; the panels keep their timetables, the
// secretariat recording the parties' steps). Then everything is inserted in batches
// (`INSERT … SELECT … FROM json_to_recordset($1)`), inside one transaction, with every constraint,
// trigger-free foreign key and index live, and the database is VACUUM ANALYZEd.
//
// The generator (everything but the loader) lives in apps/api/src/demo/dataset, shared with the
// demo data set of `npm start` (its flavour 'demo': every stage covered, cover.ts); the app may
// not import bench/. Its modules, in the order of the making:
//   options.ts    sizes, day and seed; what loading reports
//   world.ts      the registry around the disputes: members.ts (closures, members, users),
//                 roster.ts (the indicative list), meetings.ts (the body's meetings)
//   disputes.ts   the disputes filed, their third parties; fate.ts, the branches each takes
//   stages.ts     the case simulation as a table, one entry per stage; timetable.ts, the panel's
//   simulate.ts   one dispute through the engine, walking the table; docket.ts, its own texts
//   elections.ts, documents.ts   what follows from the procedure
//   rows.ts, generate.ts         all of it as rows, in memory
//   insert.ts, bulk.ts           the rows into their tables, in batches
//   load.ts       (here) truncate, indexes set aside, insert.ts, indexes rebuilt
//
// Rerunnable: truncate-and-reload. Every table of the public schema except `migrations` and the
// append-only audit trail is truncated (RESTART IDENTITY, so DS numbers start at 1 again) and the
// set loaded afresh, in the same transaction. To protect a real database, it refuses to truncate
// one that holds members or users unless it is a bench data set (the user registrar@bench.dsb
// exists) or --force is given. The same seed gives the same registry (ids included); dates are
// relative to `asOf` (today).
//
// Not generated: the audit trail (its hash chain is written by commands, and no benchmarked read
// touches it), disclosures, challenges and nationality consents, hearings, the rulings' reports,
// appeals and adoption meetings (the panel report is a document).
import { Client } from 'pg';
import { hashPassword } from '@app/core';
import { toIsoDate } from '@app/procedure';
import { note } from '../lib/progress';
import { generateDataset } from '../../apps/api/src/demo/dataset/generate';
import { insertAll, truncateAll } from './load';
import {
  BENCH_MARKER_EMAIL,
  BENCH_PASSWORD,
  defaults,
  type DatasetOptions,
  type DatasetSummary,
} from '../../apps/api/src/demo/dataset/options';

export {
  BENCH_MARKER_EMAIL,
  BENCH_PASSWORD,
  defaults,
  type DatasetOptions,
  type DatasetSummary,
} from '../../apps/api/src/demo/dataset/options';
export { generateDataset, type Generated } from '../../apps/api/src/demo/dataset/generate';

const COUNTED_TABLES = [
  'members',
  'users',
  'roster_persons',
  'disputes',
  'dispute_parties',
  'dispute_stage_periods',
  'deadlines',
  'docket_entries',
  'documents',
  'document_chunks',
  'elections',
  'election_candidates',
  'election_electors',
  'election_votes',
  'ballots',
  'panel_seats',
  'closed_days',
  'body_meetings',
  'timetable_steps',
];

/** Refuses to truncate a database that holds members or users and is not a bench data set, unless forced. */
async function guard(client: Client, force: boolean): Promise<void> {
  const [{ members, users, marker }] = (
    await client.query(
      `SELECT (SELECT count(*) FROM members)::int AS members, (SELECT count(*) FROM users)::int AS users,
              EXISTS (SELECT 1 FROM users WHERE email = $1) AS marker`,
      [BENCH_MARKER_EMAIL],
    )
  ).rows;
  if ((members > 0 || users > 0) && !marker && !force) {
    throw new Error(
      `The database holds ${members} members and ${users} users and is not a bench data set; ` +
        'refusing to truncate it (pass --force / { force: true } to replace it anyway)',
    );
  }
}

/** Loads the data set into the migrated database at `databaseUrl`, replacing whatever it holds. */
export async function loadDataset(databaseUrl: string, options: DatasetOptions = {}): Promise<DatasetSummary> {
  const o = defaults(options);
  const started = Date.now();
  const client = new Client({ connectionString: databaseUrl, application_name: 'bench-dataset' });
  await client.connect();
  try {
    await guard(client, Boolean(options.force));
    const g = generateDataset(o);

    const insertStarted = Date.now();
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    note('Data set: loading (one transaction, truncate and reload)');
    await client.query('BEGIN');
    await truncateAll(client);
    await insertAll(client, g, passwordHash);
    await client.query('COMMIT');
    const insertSeconds = (Date.now() - insertStarted) / 1000;

    const analyzeStarted = Date.now();
    note('Data set: VACUUM ANALYZE');
    await client.query('VACUUM ANALYZE');
    const analyzeSeconds = (Date.now() - analyzeStarted) / 1000;

    const counted: Record<string, number> = {};
    for (const table of COUNTED_TABLES) counted[table] = (await client.query(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n;
    const stages: Record<string, number> = {};
    for (const row of (await client.query('SELECT stage, count(*)::int AS n FROM disputes GROUP BY stage ORDER BY n DESC')).rows) {
      stages[row.stage] = row.n;
    }
    const summary: DatasetSummary = {
      seconds: { simulate: g.simulateSeconds, insert: insertSeconds, analyze: analyzeSeconds, total: (Date.now() - started) / 1000 },
      counts: counted,
      stages,
      asOf: toIsoDate(o.asOf),
      refusedSteps: g.refusedSteps,
      secretariatUserId: g.world.secretariat[0],
      largestDisputeId: g.flagship.id,
    };
    note(
      `Data set loaded in ${summary.seconds.total.toFixed(1)} s (simulate ${g.simulateSeconds.toFixed(1)} s, insert ${insertSeconds.toFixed(1)} s, ` +
        `vacuum analyze ${analyzeSeconds.toFixed(1)} s): ${counted.disputes} disputes, ${counted.docket_entries} docket entries, ` +
        `${counted.documents} documents, ${counted.members} members, ${counted.roster_persons} roster persons, ${counted.elections} elections`,
    );
    return summary;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

// Standalone: `DATABASE_URL=… npm run bench:dataset [-- --force]`
if (require.main === module) {
  (async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('Set DATABASE_URL to the database to load (it is migrated first)');
    const { runMigrations } = await import('@app/migrations');
    const applied = await runMigrations(url);
    if (applied.length) note(`Applied migrations: ${applied.join(', ')}`);
    const summary = await loadDataset(url, { force: process.argv.includes('--force') });
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  })().catch((error) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
