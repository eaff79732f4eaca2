import { DataSource } from 'typeorm';
import { StatisticsVersion1795790000600 } from '../../migrations/1795790000600-StatisticsVersion';
import { STAGES, TERMINAL_STAGES, bodyTimeZone, type Stage } from '@app/procedure';
import { ClosedDaysService, DisputeEntity, StatisticsService, directStatistics, type ProcedureStatistics } from '@app/registry';
import { TestApp, startTestApp } from '../utils/test-app';

// The statistics are read once per change of the data and evaluated at the clock's now (issue 16,
// item 7): on a random history, their answer must be exactly the direct computation over every
// stay, at any instant, and again after every kind of change (a stay ended and a new one begun, a
// dispute filed, a closed day set or removed), read as soon as the change is committed.

const DAY = 86_400_000;
const T0 = Date.parse('2025-12-20T03:17:00Z');

// The procedure's main line, and the moves back that the engine allows: a suspended panel resumes
// (DSU 12.12), a suspended appeal resumes, a compliance round returns to surveillance (DSU 21.5, 21.6).
const DETOURED: Stage[] = ['SUSPENDED', 'APPEAL_SUSPENDED'];
const ENDINGS: readonly Stage[] = TERMINAL_STAGES;
const LINE: Stage[] = STAGES.filter((stage) => !DETOURED.includes(stage) && !ENDINGS.includes(stage));
const DETOURS: Partial<Record<Stage, Stage>> = {
  PANEL_PROCEEDINGS: 'SUSPENDED',
  UNDER_APPEAL: 'APPEAL_SUSPENDED',
  COMPLIANCE_REPORT_CIRCULATED: 'IMPLEMENTATION_SURVEILLANCE',
};

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A dispute's stays: the main line with detours back, a final stage or a stay still running. */
function history(next: () => number, filedAt: number): { stage: Stage; enteredAt: Date; leftAt: Date | null }[] {
  const stays: { stage: Stage; enteredAt: Date; leftAt: Date | null }[] = [];
  let at = filedAt;
  let index = 0;
  let stage: Stage = LINE[0];
  for (;;) {
    // Some stays last no time at all (two steps at one instant), most from hours to months.
    const length = next() < 0.1 ? 0 : Math.floor(next() * next() * 400 * DAY);
    const ending = next();
    if (ending < 0.2) {
      stays.push({ stage, enteredAt: new Date(at), leftAt: null });
      return stays;
    }
    stays.push({ stage, enteredAt: new Date(at), leftAt: new Date(at + length) });
    at += length;
    if (ending < 0.3 || index === LINE.length - 1) {
      stays.push({ stage: ENDINGS[Math.floor(next() * ENDINGS.length)], enteredAt: new Date(at), leftAt: null });
      return stays;
    }
    const detour = DETOURS[stage];
    if (detour && next() < 0.4) {
      stays.push({ stage: detour, enteredAt: new Date(at), leftAt: new Date(at + Math.floor(next() * 300 * DAY)) });
      at = stays[stays.length - 1].leftAt!.getTime();
      // Back to the stage it left (a resumed panel or appeal), or on to the compliance round again.
      if (detour === 'IMPLEMENTATION_SURVEILLANCE') index = LINE.indexOf('COMPLIANCE_REVIEW');
      stage = LINE[index];
      continue;
    }
    index += 1;
    stage = LINE[index];
  }
}

describe('registry: the statistics summary against the direct computation', () => {
  let t: TestApp;
  let service: StatisticsService;
  let closedDays: ClosedDaysService;
  const next = random(20_261_206);

  const direct = (db: DataSource, asOf: Date): Promise<ProcedureStatistics> =>
    db.transaction('REPEATABLE READ', async (em) => directStatistics(em, asOf, await closedDays.all(em)));
  const compare = async (asOf: number) => {
    t.clock.set(new Date(asOf));
    const answer = await service.statistics();
    expect(answer).toEqual(await direct(t.db, new Date(asOf)));
    return answer;
  };
  const closeDays = (days: string[]) => t.db.query(`INSERT INTO closed_days (day, reason) SELECT unnest($1::date[]), 'Closed'`, [days]);
  const file = async (filedAt: number) => {
    const stays = history(next, filedAt);
    const last = stays[stays.length - 1];
    const { identifiers } = await t.db.getRepository(DisputeEntity).insert({
      title: 'Measures',
      summary: 'Measures at issue.',
      measures: ['A measure'],
      legalBasis: ['GATT 1994 Art. III:4'],
      urgent: next() < 0.25,
      stage: last.stage,
      stageEnteredAt: last.enteredAt,
      filedAt: new Date(filedAt),
    });
    const disputeId = identifiers[0].id as string;
    await t.db.query(
      `INSERT INTO dispute_stage_periods (dispute_id, stage, entered_at, left_at)
       SELECT $1, * FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[])`,
      [disputeId, stays.map((s) => s.stage), stays.map((s) => s.enteredAt), stays.map((s) => s.leftAt)],
    );
    return { disputeId, stays };
  };

  beforeAll(async () => {
    t = await startTestApp({ start: new Date(T0).toISOString(), env: { BODY_TIME_ZONE: 'Asia/Shanghai' } });
    service = t.app.get(StatisticsService);
    closedDays = t.app.get(ClosedDaysService);
    // Filed on both sides of two new years (in the body's time zone, not UTC's) over three years.
    for (let i = 0; i < 150; i += 1) await file(T0 - 900 * DAY + Math.floor(next() * next() * 900 * DAY));
    // 15:30 UTC on 31 December is 23:30 in the body's time zone (here UTC+8): from 40
    // minutes later the filings are 2026's there, though still 2025's in UTC.
    for (let i = 0; i < 10; i += 1) await file(Date.parse('2025-12-31T15:30:00Z') + (i - 5) * 20 * 60_000);
    const days = new Set<string>();
    while (days.size < 40) days.add(new Date(T0 - Math.floor(next() * 900 * DAY)).toISOString().slice(0, 10));
    await closeDays([...days]);
  });
  afterAll(() => t.close());

  it('equals the direct computation at instants before, between and after the stays', async () => {
    const answer = await compare(T0);
    expect(answer.stages.some((s) => (s.overran ?? 0) > 0)).toBe(true);
    expect(bodyTimeZone()).toBe('Asia/Shanghai');
    expect(new Set(answer.disputesPerYear.map((r) => r.year))).toEqual(new Set([2023, 2024, 2025, 2026]));
    // Later instants: running stays grow and pass their due days; earlier ones: stays begun
    // after the instant count as no time at all.
    for (const offset of [1, DAY / 2, 3 * DAY, 11 * DAY, 40 * DAY, 200 * DAY, 800 * DAY, -5 * DAY, -400 * DAY]) {
      await compare(T0 + offset + Math.floor(next() * 1000));
    }
  });

  it('is read again after each kind of change, as soon as it is committed', async () => {
    const at = T0 + 17 * DAY;
    await compare(at);
    // A stage change: the running stay ends and another begins, in one transaction.
    const [running] = await t.db.query(
      `SELECT id, dispute_id, stage FROM dispute_stage_periods WHERE left_at IS NULL AND stage = ANY($1) LIMIT 1`,
      [['CONSULTATIONS_REQUESTED', 'PANEL_PROCEEDINGS', 'UNDER_APPEAL', 'IN_CONSULTATIONS', 'ADOPTED']],
    );
    expect(running).toBeDefined();
    await t.db.transaction(async (em) => {
      await em.query(`UPDATE dispute_stage_periods SET left_at = $2 WHERE id = $1`, [running.id, new Date(at - DAY)]);
      await em.query(`INSERT INTO dispute_stage_periods (dispute_id, stage, entered_at) VALUES ($1, 'WITHDRAWN', $2)`, [
        running.dispute_id,
        new Date(at - DAY),
      ]);
      await em.query(`UPDATE disputes SET stage = 'WITHDRAWN' WHERE id = $1`, [running.dispute_id]);
    });
    const moved = await compare(at);
    expect(moved.disputesPerStage.find((s) => s.stage === 'WITHDRAWN')!.count).toBeGreaterThan(0);
    // A new dispute.
    await file(at - 2 * DAY);
    await compare(at);
    // Closed days set and removed move due days, so overruns.
    const before = await compare(at);
    await t.db.query(`DELETE FROM closed_days`);
    const withoutClosed = await compare(at);
    await closeDays(Array.from({ length: 60 }, (_, i) => new Date(at - (i + 1) * DAY).toISOString().slice(0, 10)));
    const closedForTwoMonths = await compare(at);
    expect([before, withoutClosed, closedForTwoMonths].map((s) => s.stages.map((x) => x.overran))).not.toEqual(
      [before, before, before].map((s) => s.stages.map((x) => x.overran)),
    );
  });

  it('advances the version once per committed change, and not for a change the figures do not depend on', async () => {
    const version = async () => Number((await t.db.query('SELECT version FROM statistics_version'))[0].version);
    const start = await version();
    await t.db.query(`UPDATE disputes SET title = 'Other measures' WHERE number = (SELECT min(number) FROM disputes)`);
    expect(await version()).toBe(start);
    await t.db.transaction(async (em) => {
      await em.query(`UPDATE disputes SET urgent = NOT urgent WHERE number <= (SELECT min(number) + 5 FROM disputes)`);
      // Not yet: the version moves at commit, once for the whole transaction.
      expect(Number((await em.query('SELECT version FROM statistics_version'))[0].version)).toBe(start);
    });
    expect(await version()).toBe(start + 1);
    await compare(T0 + 30 * DAY);
    // Emptied, as the bench's loader empties every table: answered from a fresh read each time,
    // until the next change writes the row back, above any version a process may hold.
    await t.db.query('DELETE FROM statistics_version');
    await compare(T0 + 31 * DAY);
    await file(T0 + 20 * DAY);
    expect(await version()).toBeGreaterThan(start + 1);
    await compare(T0 + 31 * DAY);
  });

  it('the migration goes down and up again: no trigger left behind, and the version counts again', async () => {
    const migration = new StatisticsVersion1795790000600();
    // As the owner, as migrations run: the application's role may alter no table.
    const owner = new DataSource({ type: 'postgres', url: t.ownerUrl });
    await owner.initialize();
    const runner = owner.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const triggers = () => runner.query(`SELECT count(*)::int AS n FROM pg_trigger WHERE tgname LIKE 'statistics_version%'`);
    try {
      expect(await triggers()).toEqual([{ n: 6 }]);
      await migration.down(runner);
      expect(await triggers()).toEqual([{ n: 0 }]);
      expect(await runner.query(`SELECT to_regclass('statistics_version') IS NULL AS gone`)).toEqual([{ gone: true }]);
      // A stage change with the migration undone writes as before.
      await runner.query(`UPDATE dispute_stage_periods SET left_at = left_at WHERE left_at IS NOT NULL`);
      await migration.up(runner);
      await runner.query(`SET CONSTRAINTS ALL IMMEDIATE`);
      await runner.query(`UPDATE dispute_stage_periods SET left_at = left_at WHERE id = (SELECT id FROM dispute_stage_periods LIMIT 1)`);
      await runner.query(`SET CONSTRAINTS ALL IMMEDIATE`);
      expect(await runner.query(`SELECT version::int AS version FROM statistics_version`)).toEqual([{ version: 1 }]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
      await owner.destroy();
    }
  });
});
