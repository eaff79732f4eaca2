import { TestApp, startTestApp } from '../utils/test-app';
import { ACT, Case, DAY, MEETING, panelInProceedings, toCirculation } from './setup';

describe('rulings: from adoption to compliance through takeAction', () => {
  let t: TestApp;
  let c: Case;

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    c = await panelInProceedings(t);
    await toCirculation(t, c);
    t.clock.advance(21 * DAY);
    const adopted = await t.gql(MEETING, { d: c.disputeId, p: ['IDN', 'CHN', 'PAK'] }, c.tok('SEC'));
    if (adopted.errors) throw new Error(JSON.stringify(adopted.errors));
  });
  afterAll(() => t.close());

  it('goes through intentions, an agreed RPT and status reports to compliance', async () => {
    const act = (action: string, who: string) => t.gql(ACT, { id: c.disputeId, action }, c.tok(who));
    expect((await act('stateImplementationIntentions', 'PAK')).data!.takeAction.stage).toBe('RPT_DETERMINATION');
    const rptEndsOn = new Date(t.clock.now().getTime() + 180 * DAY).toISOString().slice(0, 10);
    const agreed = await t.gql(
      `mutation($id: ID!, $on: LocalDate!) { takeAction(input: { disputeId: $id, action: agreeRpt, rptEndsOn: $on }) { stage } }`,
      { id: c.disputeId, on: rptEndsOn },
      c.tok('SEC'),
    );
    expect(agreed.errors).toBeUndefined();
    expect(agreed.data!.takeAction.stage).toBe('IMPLEMENTATION_SURVEILLANCE');
    expect((await act('fileStatusReport', 'CHN')).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await act('fileStatusReport', 'PAK')).data!.takeAction.stage).toBe('IMPLEMENTATION_SURVEILLANCE');
    expect((await act('declareCompliance', 'SEC')).data!.takeAction.stage).toBe('COMPLIED');
  });
});
