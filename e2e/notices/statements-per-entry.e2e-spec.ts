import { UserEntity } from '@app/core';
import { ProcedureSweeper } from '@app/registry';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

const FILE = `mutation($r: [String!]!, $title: String!) { requestConsultations(input: { respondents: $r, title: $title,
  measures: ["M"], legalBasis: ["GATT Art. XI"], summary: "S" }) { id } }`;

/**
 * The round trips of a command that appends docket entries (bench/RESULTS.md, "the sweep at any
 * scale": on a busy machine the wait on each statement is what multiplies). Every statement is
 * counted; the figures may only go down: a change that adds one to every entry fails here.
 */
describe('notices: statements per docket entry', () => {
  let t: TestApp;
  const users: Record<string, UserEntity> = {};

  /**
   * The SQL statements `work` runs, every one (the transaction's own included), but the live
   * docket's: its listener loads each announced entry when the NOTIFY arrives, on a connection of
   * its own, after the commit, at a moment of its own choosing.
   */
  const statementsOf = async (work: () => Promise<unknown>) => {
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      await work();
      return spy.mock.calls.map(([sql]) => String(sql).trim()).filter((sql) => !sql.startsWith('SELECT "DocketEntryEntity"'));
    } finally {
      spy.mockRestore();
    }
  };
  const reading = (sqls: string[], table: string) =>
    sqls.filter((sql) => sql.startsWith('SELECT') && new RegExp(`FROM "${table}"`).test(sql));

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    for (const code of ['CHN', 'PAK']) {
      const member = await createMember(t.db, { code, name: code });
      users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id });
      await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id });
    }
    users.SEC = await createUser(t.db, { role: 'SECRETARIAT' });
    await createUser(t.db, { role: 'SECRETARIAT' });
    // One recipient with preferences of their own: a language and a digest.
    await t.db.query(
      `INSERT INTO notice_preferences (user_id, locale, digest, digest_hour, email_off, updated_at) VALUES ($1, 'fr', true, 8, '{}', now())`,
      [users.PAK.id],
    );
  });
  afterAll(() => t.close());

  it('serves a filing with one read of the recipients and one of their preferences', async () => {
    const sqls = await statementsOf(async () => {
      const res = await t.gql(FILE, { r: ['PAK'], title: 'Counted' }, t.tokenFor(users.CHN));
      expect(res.errors).toBeUndefined();
    });
    // One entry (the request), served on the parties' delegates (but the one who filed) and the secretariat.
    expect(await t.db.query('SELECT count(*)::int AS n FROM notices')).toEqual([{ n: 5 }]);
    // The entry's observers: the parties once (the notices' and the webhooks'), the recipients
    // once (secretariat and delegates together), their preferences once (language and digest).
    expect(reading(sqls, 'dispute_parties')).toHaveLength(1);
    expect(reading(sqls, 'users')).toHaveLength(1);
    expect(reading(sqls, 'notice_preferences')).toHaveLength(1);
    expect(reading(sqls, 'disputes')).toHaveLength(1);
    // The token's user, the transaction, the members, the closed days, the dispute's rows, the
    // docket (2), its observers (8), the audit record (3) and the public version. 28 before the
    // reads were folded.
    expect(sqls).toHaveLength(25);
  });

  it("sweeps disputes whose limits ran out with one read of each one's limits and each entry's recipients read once", async () => {
    t.clock.set('2026-03-02T09:00:00Z');
    const res = await t.gql(FILE, { r: ['PAK'], title: 'Swept' }, t.tokenFor(users.CHN));
    expect(res.errors).toBeUndefined();
    t.clock.set('2026-03-13T00:00:01Z');
    const sweeper = t.app.get(ProcedureSweeper);
    let result: unknown;
    const sqls = await statementsOf(async () => {
      result = await sweeper.sweep();
    });
    // The reply to the request missed and the third parties' window ended: two entries.
    expect(result).toEqual({ disputes: 2, expired: 4, automatic: 0 });
    // Each dispute's command: the dispute locked and read in one statement, its limits read once.
    expect(sqls.filter((sql) => /FOR UPDATE SKIP LOCKED/.test(sql))).toHaveLength(2);
    expect(reading(sqls, 'disputes').filter((sql) => !/FOR UPDATE/.test(sql))).toHaveLength(4);
    expect(reading(sqls, 'deadlines')).toHaveLength(2);
    // Each of the four entries: its recipients, their preferences and the parties, once each.
    expect(reading(sqls, 'users')).toHaveLength(4);
    expect(reading(sqls, 'notice_preferences')).toHaveLength(4);
    expect(reading(sqls, 'dispute_parties')).toHaveLength(4);
    // The selection, then per dispute 10 (the transaction's 2, the closed days' 2, the dispute, its
    // limits, the audit record's 3 and the public version) and per entry 11 (the limit's update,
    // the docket's 2 and its observers' 8, the NOTIFY among them). 81 before the reads were folded
    // (12 a dispute and 14 an entry).
    expect(sqls).toHaveLength(65);
  });
});
