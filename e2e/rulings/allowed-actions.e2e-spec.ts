import { TestApp, startTestApp } from '../utils/test-app';
import { Case, DAY, OBJECT, meeting, panelInProceedings, toCirculation } from './setup';

const ALLOWED = `query($id: ID!) { dispute(id: $id) { stage allowedActions { now { action mutation } later { action mutation allowedFrom } } } }`;

interface Step {
  action: string;
  mutation: string;
  allowedFrom?: string | null;
}

// dispute.allowedActions lists exactly the steps a user can take, each with the mutation that
// takes it: never a step its mutation refuses (composePanel through takeAction), never missing one
// that succeeds (objectToAdoption).
describe('allowedActions: the steps a user can take, with their mutations', () => {
  let t: TestApp;
  let c: Case;
  let procedureActions: Set<string>;
  const steps = async (who: string): Promise<{ now: Step[]; later: Step[] }> => {
    const token = who.length === 1 ? c.pan(who as 'A') : c.tok(who);
    const res = await t.gql(ALLOWED, { id: c.disputeId }, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.dispute.allowedActions;
  };
  const has = (list: Step[], action: string, mutation: string) => list.some((s) => s.action === action && s.mutation === mutation);

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    c = await panelInProceedings(t);
    const introspection = await t.gql(`{ __type(name: "ProcedureAction") { enumValues { name } } }`);
    procedureActions = new Set(introspection.data!.__type.enumValues.map((v: { name: string }) => v.name));
  });
  afterAll(() => t.close());

  const takeActionStepsAreTakeActionActions = async (who: string[]) => {
    for (const user of who) {
      for (const step of (await steps(user)).now.filter((s) => s.mutation === 'takeAction')) {
        expect([user, step.action, procedureActions.has(step.action)]).toEqual([user, step.action, true]);
      }
    }
  };

  it('in the panel proceedings: the panel’s steps with their mutations, never composition or the timetable again', async () => {
    const panelist = await steps('A');
    expect(has(panelist.now, 'holdFirstMeeting', 'takeAction')).toBe(true);
    expect(has(panelist.now, 'submitReport', 'submitReport')).toBe(true);
    expect(has(panelist.now, 'scheduleHearing', 'scheduleHearing')).toBe(true);
    expect(panelist.now.map((s) => s.action)).not.toEqual(expect.arrayContaining(['composePanel']));
    expect(panelist.now.map((s) => s.action)).not.toContain('fixTimetable');
    // A panelist of another panel has nothing to do here.
    expect((await steps('D')).now).toEqual([]);
    const secretariat = await steps('SEC');
    expect(secretariat.now.map((s) => s.action)).not.toContain('openElection');
    expect(secretariat.now.map((s) => s.action)).not.toContain('composePanel');
    await takeActionStepsAreTakeActionActions(['A', 'SEC', 'CHN', 'PAK', 'KAZ', 'IDN']);
  });

  it('lists every step that succeeds once the report is circulated: objections, appeals, the meeting later', async () => {
    await toCirculation(t, c);
    const member = await steps('IDN');
    expect(has(member.now, 'objectToAdoption', 'objectToAdoption')).toBe(true);
    const respondent = await steps('PAK');
    expect(has(respondent.now, 'appeal', 'fileAppeal')).toBe(true);
    expect(has(respondent.now, 'objectToAdoption', 'objectToAdoption')).toBe(true);
    // A third party cannot appeal (DSU 17.4).
    expect(has(await steps('KAZ').then((s) => s.now), 'appeal', 'fileAppeal')).toBe(false);
    const secretariat = await steps('SEC');
    const adoption = secretariat.later.find((s) => s.action === 'adoptReport');
    expect(adoption).toMatchObject({ mutation: 'recordAdoptionMeeting' });
    expect(adoption!.allowedFrom).toBe(new Date(t.clock.now().getTime() + 20 * DAY).toISOString().slice(0, 10));
    await takeActionStepsAreTakeActionActions(['A', 'SEC', 'CHN', 'PAK', 'KAZ', 'IDN']);
  });

  it('takes what it lists, and stops listing what was done', async () => {
    expect((await t.gql(OBJECT, { d: c.disputeId }, c.tok('IDN'))).errors).toBeUndefined();
    expect(has((await steps('IDN')).now, 'objectToAdoption', 'objectToAdoption')).toBe(false);
    t.clock.advance(20 * DAY);
    const secretariat = await steps('SEC');
    expect(has(secretariat.now, 'adoptReport', 'recordAdoptionMeeting')).toBe(true);
    const res = await t.gql(
      `mutation($d: ID!, $m: ID!) { recordAdoptionMeeting(disputeId: $d, meetingId: $m) { outcome } }`,
      { d: c.disputeId, m: await meeting(t) },
      c.tok('SEC'),
    );
    expect(res.data!.recordAdoptionMeeting.outcome).toBe('ADOPTED');
    const respondent = await steps('PAK');
    expect(has(respondent.now, 'stateImplementationIntentions', 'takeAction')).toBe(true);
    expect(respondent.now.map((s) => s.action)).not.toContain('appeal');
  });
});
