import { UserEntity } from '@app/core';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

describe('docket corrections and agreed extensions', () => {
  let t: TestApp;
  const users: Record<string, UserEntity> = {};
  const tok = (who: string) => t.tokenFor(users[who]);
  let disputeId: string;

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    for (const code of ['CHN', 'PAK']) {
      users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: (await createMember(t.db, { code, name: code })).id });
    }
    users.SEC = await createUser(t.db, { role: 'SECRETARIAT' });
    const res = await t.gql(
      `mutation { requestConsultations(input: { respondents: ["PAK"], title: "T", measures: ["M"],
      legalBasis: ["L"], summary: "S" }) { id } }`,
      {},
      tok('CHN'),
    );
    disputeId = res.data!.requestConsultations.id;
  });
  afterAll(() => t.close());

  const docket = async () =>
    (
      await t.gql(`query($id: ID!) { dispute(id: $id) { docket(first: 100) { nodes { id seq kind text correctsId } } } }`, {
        id: disputeId,
      })
    ).data!.dispute.docket.nodes;

  it('corrects an entry by appending one that names it; the original stays as it was', async () => {
    const [first] = await docket();
    const res = await t.gql(
      `mutation($e: ID!) { correctDocketEntry(entryId: $e, text: "The request was filed on 2 March, not 3 March.") { seq kind correctsId text } }`,
      { e: first.id },
      tok('SEC'),
    );
    expect(res.data!.correctDocketEntry).toEqual({
      seq: 2,
      kind: 'correction',
      correctsId: first.id,
      text: 'Correction of entry 1: The request was filed on 2 March, not 3 March.',
    });
    expect((await docket())[0]).toEqual(first);
  });

  it('lets only the secretariat correct, and refuses an unknown entry', async () => {
    const [first] = await docket();
    const refused = await t.gql(`mutation($e: ID!) { correctDocketEntry(entryId: $e, text: "x") { seq } }`, { e: first.id }, tok('CHN'));
    expect(refused.errors![0].extensions.code).toBe('FORBIDDEN');
    const unknown = await t.gql(
      `mutation { correctDocketEntry(entryId: "00000000-0000-4000-8000-000000000000", text: "x") { seq } }`,
      {},
      tok('SEC'),
    );
    expect(unknown.errors![0].extensions.code).toBe('NOT_FOUND');
    expect(await docket()).toHaveLength(2);
  });

  it('records an extension the parties agreed: the old row EXTENDED, a new row with the new date', async () => {
    const ACT = `mutation($input: TakeActionInput!) { takeAction(input: $input) { deadlines { rule dueDate status } } }`;
    const res = await t.gql(
      ACT,
      { input: { disputeId, action: 'recordExtension', extension: { rule: 'ENTER_CONSULTATIONS', until: '2026-04-15' } } },
      tok('SEC'),
    );
    expect(res.errors).toBeUndefined();
    const rows = res.data!.takeAction.deadlines.filter((d: { rule: string }) => d.rule === 'ENTER_CONSULTATIONS');
    expect(rows).toEqual([
      { rule: 'ENTER_CONSULTATIONS', dueDate: '2026-04-01', status: 'EXTENDED' },
      { rule: 'ENTER_CONSULTATIONS', dueDate: '2026-04-15', status: 'OPEN' },
    ]);
    expect((await docket()).at(-1).kind).toBe('recordExtension');
    const byParty = await t.gql(
      ACT,
      { input: { disputeId, action: 'recordExtension', extension: { rule: 'ENTER_CONSULTATIONS', until: '2026-04-30' } } },
      tok('CHN'),
    );
    expect(byParty.errors![0].extensions.code).toBe('FORBIDDEN');
  });
});
