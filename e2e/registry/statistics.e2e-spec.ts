import { MemberEntity, UserEntity } from '@app/core';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

const FILE = `mutation($input: RequestConsultationsInput!) { requestConsultations(input: $input) { id docketNumber } }`;
const ACT = `mutation($input: TakeActionInput!) { takeAction(input: $input) { id stage } }`;
const STATISTICS = `{
  statistics {
    asOf
    disputesPerStage { stage label count }
    stages {
      stage label completed ongoing medianDays p90Days
      limitRule limitArticle limitDays limitMonths urgentLimitDays urgentLimitMonths overran overranShare
    }
  }
}`;

interface StageStats {
  stage: string;
  completed: number;
  ongoing: number;
  medianDays: number | null;
  p90Days: number | null;
  limitRule: string | null;
  limitArticle: string | null;
  limitDays: number | null;
  limitMonths: number | null;
  urgentLimitDays: number | null;
  urgentLimitMonths: number | null;
  overran: number | null;
  overranShare: number | null;
}
interface StatisticsResult {
  asOf: string;
  disputesPerStage: { stage: string; label: string; count: number }[];
  stages: StageStats[];
}

const T0 = '2026-01-05T09:00:00Z';
const dayAt = (days: number) => new Date(new Date(T0).getTime() + days * 86_400_000).toISOString();

describe('registry: the published statistics', () => {
  let t: TestApp;
  const members: Record<string, MemberEntity> = {};
  const users: Record<string, UserEntity> = {};
  const ids: Record<string, string> = {};

  const at = (days: number) => t.clock.set(dayAt(days));
  const file = async (name: string, urgent = false) => {
    const res = await t.gql(
      FILE,
      {
        input: {
          respondents: ['PAK'],
          title: `Measures ${name}`,
          measures: ['Import licensing regime'],
          legalBasis: ['GATT 1994 Art. XI:1'],
          summary: 'The licensing regime restricts imports.',
          urgent,
        },
      },
      t.tokenFor(users.CHN),
    );
    expect(res.errors).toBeUndefined();
    ids[name] = res.data!.requestConsultations.id;
  };
  const act = async (name: string, action: string) => {
    const res = await t.gql(ACT, { input: { disputeId: ids[name], action } }, t.tokenFor(users.CHN));
    expect(res.errors).toBeUndefined();
  };
  const statistics = async (token?: string): Promise<StatisticsResult> => {
    const res = await t.gql<{ statistics: StatisticsResult }>(STATISTICS, {}, token);
    expect(res.errors).toBeUndefined();
    return res.data!.statistics;
  };
  const stage = (s: StatisticsResult, name: string) => s.stages.find((x) => x.stage === name)!;

  beforeAll(async () => {
    t = await startTestApp({ start: T0 });
    for (const [code, name] of [
      ['CHN', 'China'],
      ['PAK', 'Pakistan'],
    ]) {
      members[code] = await createMember(t.db, { code, name });
      users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members[code].id });
    }
  });
  afterAll(() => t.close());

  it('lists every stage with nothing in it before any filing, without a sign-in', async () => {
    const s = await statistics();
    expect(s.asOf).toBe(T0.replace('Z', '.000Z'));
    expect(s.disputesPerStage).toHaveLength(26);
    expect(s.disputesPerStage.every((x) => x.count === 0)).toBe(true);
    // The five final stages have no duration to publish.
    expect(s.stages).toHaveLength(21);
    expect(s.stages.map((x) => x.stage)).not.toContain('NOT_ADOPTED');
    expect(s.stages.map((x) => x.stage)).not.toContain('WITHDRAWN');
    expect(stage(s, 'CONSULTATIONS_REQUESTED')).toMatchObject({
      completed: 0,
      ongoing: 0,
      medianDays: null,
      p90Days: null,
      overran: 0,
      overranShare: null,
    });
  });

  it('leaves running stays within their limit out of the overrun share', async () => {
    at(0);
    await file('A');
    await file('B');
    await file('C', true);
    await file('D');
    at(12);
    await act('C', 'enterConsultations'); // urgent: 12 days against 10 (DSU 4.8)
    at(25);
    const s = await statistics();
    expect(stage(s, 'CONSULTATIONS_REQUESTED')).toMatchObject({
      completed: 1,
      ongoing: 3,
      medianDays: 25, // 12, 25, 25, 25
      overran: 1,
      overranShare: 1, // only C is counted: A, B and D are within their 30 days
    });
  });

  it('counts disputes per stage, the median, the 90th percentile and the overrun share', async () => {
    at(30);
    await act('A', 'enterConsultations'); // day 30: on time, the limit runs to the end of its day
    at(40);
    await act('B', 'enterConsultations'); // day 40: late
    at(45);
    await file('E');
    at(47);
    await act('E', 'withdraw'); // 2 days, on time
    at(50);
    const s = await statistics();
    expect(s.asOf).toBe(dayAt(50));

    const counts = Object.fromEntries(s.disputesPerStage.filter((x) => x.count > 0).map((x) => [x.stage, x.count]));
    expect(counts).toEqual({ CONSULTATIONS_REQUESTED: 1, IN_CONSULTATIONS: 3, WITHDRAWN: 1 });
    expect(s.disputesPerStage.find((x) => x.stage === 'WITHDRAWN')!.label).toBe('Withdrawn');

    // Stays: A 30, B 40, C 12 (urgent), E 2, and D still running at 50 days.
    const requested = stage(s, 'CONSULTATIONS_REQUESTED');
    expect(requested).toMatchObject({
      completed: 4,
      ongoing: 1,
      medianDays: 30,
      limitRule: 'ENTER_CONSULTATIONS',
      limitArticle: 'DSU 4.3, 4.8',
      limitDays: 30,
      limitMonths: null,
      urgentLimitDays: 10,
      overran: 3, // B late, C late (urgent), D running past its 30 days
    });
    // percentile_cont over 2, 12, 30, 40, 50: position 0.9 × 4 = 3.6, between 40 and 50.
    expect(requested.p90Days).toBeCloseTo(46, 9);
    // Counted: the four ended stays and D, running past the limit.
    expect(requested.overranShare).toBeCloseTo(3 / 5, 12);

    // In consultations since day 12 (C), 30 (A) and 40 (B): 38, 20 and 10 days, no limit.
    const consulting = stage(s, 'IN_CONSULTATIONS');
    expect(consulting).toMatchObject({
      completed: 0,
      ongoing: 3,
      medianDays: 20,
      limitRule: null,
      limitArticle: null,
      overran: null,
      overranShare: null,
    });
    expect(consulting.p90Days).toBeCloseTo(34.4, 9);
  });

  it('publishes the limit of each stage, in months where the rule counts months', async () => {
    const s = await statistics();
    expect(stage(s, 'PANEL_PROCEEDINGS')).toMatchObject({
      completed: 0,
      ongoing: 0,
      medianDays: null,
      limitRule: 'PANEL_REPORT',
      limitArticle: 'DSU 12.8, 12.9',
      limitDays: null,
      limitMonths: 6,
      urgentLimitMonths: 3,
      overran: 0,
      overranShare: null,
    });
    expect(stage(s, 'UNDER_APPEAL')).toMatchObject({ limitRule: 'APPELLATE_REPORT', limitDays: 60, urgentLimitDays: null });
    // The compliance report before the body and under appeal, and an appeal the parties suspended.
    expect(stage(s, 'COMPLIANCE_REPORT_CIRCULATED')).toMatchObject({ limitRule: 'PANEL_REPORT_ADOPTION', limitDays: 60 });
    expect(stage(s, 'COMPLIANCE_UNDER_APPEAL')).toMatchObject({ limitRule: 'APPELLATE_REPORT', limitDays: 60 });
    expect(stage(s, 'APPEAL_SUSPENDED')).toMatchObject({ limitRule: null, overran: null });
    // Establishment counts body meetings (DSU 6.1): the rule is named, but there is no date to overrun.
    expect(stage(s, 'PANEL_REQUESTED')).toMatchObject({
      limitRule: 'PANEL_ESTABLISHMENT',
      limitDays: null,
      limitMonths: null,
      overran: null,
    });
  });

  it('answers a signed-in user the same', async () => {
    expect(await statistics(t.tokenFor(users.PAK))).toEqual(await statistics());
  });
});
