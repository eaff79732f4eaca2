import { UserEntity } from '@app/core';
import { ProcedureSweeper } from '@app/registry';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

const FILE = `mutation($title: String!) { requestConsultations(input: { respondents: ["PAK"], title: $title,
  measures: ["M"], legalBasis: ["GATT Art. XI"], summary: "S" }) { id } }`;
const ACT = `mutation($id: ID!, $action: ProcedureAction!) { takeAction(input: { disputeId: $id, action: $action }) { stage } }`;

// A body seated in Beijing: a limit due on a day runs out at midnight in Beijing (16:00 UTC), not
// at midnight UTC (08:00 the next morning in Beijing), so a late act is never taken as on time.
describe('days counted in the body’s time zone (BODY_TIME_ZONE)', () => {
  let t: TestApp;
  const users: Record<string, UserEntity> = {};
  const tok = (who: string) => t.tokenFor(users[who]);
  const reply = async (id: string) =>
    (
      await t.db.query(
        `SELECT status, to_char(due_date, 'YYYY-MM-DD') AS due FROM deadlines WHERE dispute_id = $1 AND rule = 'REPLY_TO_REQUEST'`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z', env: { BODY_TIME_ZONE: 'Asia/Shanghai' } });
    for (const code of ['CHN', 'PAK']) {
      const member = await createMember(t.db, { code, name: code });
      users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id });
    }
  });
  afterAll(() => t.close());

  it('says which zone its dates are in', async () => {
    expect((await t.gql(`{ timeZone }`)).data!.timeZone).toBe('Asia/Shanghai');
  });

  it('counts from the day of filing in Beijing, and ends the last day at midnight there', async () => {
    t.clock.set('2026-03-02T17:00:00Z'); // 1 am on 3 March in Beijing
    const late = (await t.gql(FILE, { title: 'Filed on 3 March in Beijing' }, tok('CHN'))).data!.requestConsultations.id;
    expect((await reply(late)).due).toBe('2026-03-13');
    t.clock.set('2026-03-02T09:00:00Z'); // 5 pm on 2 March in Beijing
    const onTime = (await t.gql(FILE, { title: 'Filed on 2 March in Beijing' }, tok('CHN'))).data!.requestConsultations.id;
    expect((await reply(onTime)).due).toBe('2026-03-12');

    // 11.30 pm on 12 March in Beijing: still in time.
    t.clock.set('2026-03-12T15:30:00Z');
    expect((await t.gql(ACT, { id: onTime, action: 'replyToRequest' }, tok('PAK'))).errors).toBeUndefined();
    expect((await reply(onTime)).status).toBe('MET');
  });

  it('records a limit missed from midnight in Beijing, though it is still the same day in UTC', async () => {
    t.clock.set('2026-03-02T09:00:00Z');
    const id = (await t.gql(FILE, { title: 'Reply late' }, tok('CHN'))).data!.requestConsultations.id;
    t.clock.set('2026-03-12T16:00:01Z'); // 00:00:01 on 13 March in Beijing
    await t.app.get(ProcedureSweeper).sweep();
    expect((await reply(id)).status).toBe('MISSED');
    // A reply now is docketed, and the limit stays missed.
    expect((await t.gql(ACT, { id, action: 'replyToRequest' }, tok('PAK'))).errors).toBeUndefined();
    expect((await reply(id)).status).toBe('MISSED');
  });
});
