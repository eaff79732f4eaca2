import { DataSource } from 'typeorm';
import { CommandRunner, hashPassword } from '@app/core';
import type { Role } from '@app/core';
import type { DisputesService } from '@app/registry';
import { COVERS } from './dataset/cover';
import { generateDataset } from './dataset/generate';
import { insertRows } from './dataset/insert';
import type { User } from './dataset/members';
import { defaults, type ResolvedOptions } from './dataset/options';
import { setQuiet } from './dataset/progress';

/** Demo sign-ins, printed at start-up. Never loaded in production. */
export const DEMO_USERS: { email: string; displayName: string; role: Role; memberCode?: string; password: string }[] = [
  { email: 'registrar@demo.dsb', displayName: 'Registrar (demo)', role: 'SECRETARIAT', password: 'registrar-demo-2026' },
  {
    email: 'delegate.chn@demo.dsb',
    displayName: 'Delegate of China (demo)',
    role: 'MEMBER_DELEGATE',
    memberCode: 'CHN',
    password: 'delegate-demo-2026',
  },
  {
    email: 'delegate.pak@demo.dsb',
    displayName: 'Delegate of Pakistan (demo)',
    role: 'MEMBER_DELEGATE',
    memberCode: 'PAK',
    password: 'delegate-demo-2026',
  },
  {
    email: 'delegate.kaz@demo.dsb',
    displayName: 'Delegate of Kazakhstan (demo)',
    role: 'MEMBER_DELEGATE',
    memberCode: 'KAZ',
    password: 'delegate-demo-2026',
  },
  { email: 'panelist@demo.dsb', displayName: 'Panelist (demo)', role: 'PANELIST', password: 'panelist-demo-2026' },
];

/** The demo's seed: the same registry in every copy (relative to the day it is loaded). */
export const DEMO_SEED = 20_260_301;

/**
 * The demo data set's options: the bench's generator (./dataset, `npm run bench:dataset`) asked for
 * a registry of a dozen members (the Belt and Road states of names.ts), 20 roster persons and one
 * dispute per cover (cover.ts: every stage of the engine), filed over the last twelve years, each
 * panel elected where there was room for a ballot.
 */
export function demoOptions(asOf: Date): ResolvedOptions {
  return defaults({
    flavour: 'demo',
    disputes: COVERS.length,
    docketEntries: 0,
    documents: 150,
    members: 12,
    rosterPersons: 20,
    // Every panel composed with room for a ballot is elected: a report is a seated panel's.
    elections: COVERS.length,
    years: 12,
    seed: DEMO_SEED,
    asOf,
  });
}

/**
 * Whether the database holds no member and no user: the demo data goes only into such a one.
 * `npm start` with several API processes asks first, to have one process load it before the
 * others listen (apps/api/src/main.ts).
 */
export async function isEmptyForDemo(query: (sql: string) => Promise<{ count: string | number }[]>): Promise<boolean> {
  const [{ count }] = await query('SELECT (SELECT count(*) FROM members) + (SELECT count(*) FROM users) AS count');
  return Number(count) === 0;
}

/**
 * Loads the demo data set into an empty database and says whether it did. A database that holds
 * any member or user is left alone. The registry is the shared generator's (./dataset): every
 * dispute driven through the procedure engine from its filing to now (its docket, time limits,
 * stage history and statistics are the engine's), its documents, roster, meetings of the body and
 * closed elections with their ballots; loaded in one command (one transaction, one audit record),
 * written in batches as the bench's loader writes its data set. `disputes` and `meetingNoticeDays`
 * are kept for the callers (main.ts, bench/live-latency.ts): the generator's meetings are convened
 * with the body's default notice.
 */
export async function loadDemoDataIfEmpty(
  dataSource: DataSource,
  commands: CommandRunner,
  disputes?: DisputesService,
  meetingNoticeDays?: number,
): Promise<boolean> {
  void disputes;
  void meetingNoticeDays;
  if (!(await isEmptyForDemo((sql) => dataSource.query(sql)))) return false;
  const password = { SECRETARIAT: 'registrar-demo-2026', MEMBER_DELEGATE: 'delegate-demo-2026', PANELIST: 'panelist-demo-2026' };
  const [secretariat, delegate, panelist] = await Promise.all(Object.values(password).map((p) => hashPassword(p)));
  const hashOf = (u: User) => (u.role === 'SECRETARIAT' ? secretariat : u.role === 'PANELIST' ? panelist : delegate);
  return commands.run({ actor: null, operation: 'loadDemoData' }, async (ctx) => {
    // Another process may have loaded it meanwhile: checked again inside the transaction.
    if (!(await isEmptyForDemo((sql) => ctx.em.query(sql)))) return false;
    setQuiet(true);
    try {
      const g = generateDataset(demoOptions(ctx.now));
      await insertRows(ctx.em, g, hashOf);
      ctx.target('DemoData', 'v2', {
        disputes: g.disputeRows.length,
        docketEntries: g.docketRows.length,
        documents: g.docs.documents.length,
        members: g.world.members.length,
        users: g.world.users.length,
        rosterPersons: g.world.persons.length,
        elections: g.elections.elections.length,
      });
    } finally {
      setQuiet(false);
    }
    return true;
  });
}
