import { MemberEntity, UserEntity } from '@app/core';
import { RosterPersonEntity } from '@app/panels';
import { startOfDay, toIsoDate } from '@app/procedure';
import { ProcedureSweeper } from '@app/registry';
import { createMember, createUser } from '../utils/factories';
import type { TestApp } from '../utils/test-app';
import type { ReplayCase, ReplayMember, ReplayStep, ReplayStepKind } from './timeline';

/**
 * Replays a real dispute through the API: the clock is set to each real date (in the body's
 * time zone, Geneva for the WTO), the real step is taken as the body takes it, and the limits the
 * engine computes are checked against the real dates (see `expect.ts`).
 *
 * Where the body differs from the WTO on purpose, or where the record is silent on steps the
 * procedure needs, the runner takes the step the body's procedure requires and says so in the
 * step log (`implied`):
 * - panels are elected by the members: an election opens once the parties' 10 days to agree on
 *   five panelists have passed (DSU 8.5), stays open 7 days, and closes after the 15 days for
 *   challenges; the panel is composed at the close, on the real date of composition or, where
 *   that date comes earlier than the election allows, as soon as it allows;
 * - the panel's own work (timetable, meetings, descriptive part, interim and final reports) is
 *   not in the public record: the panel adopts a timetable on composition whose dates follow
 *   Appendix 3 ¶12 stretched over the time the real panel took to the report, and takes each
 *   step on its date;
 * - the body decides at meetings convened 10 days ahead with a quorum: each decision's meeting
 *   is convened 10 days before its real date, and every member attends.
 */

/** One step as taken, real or implied, with what happened. */
export interface TakenStep {
  readonly on: string;
  readonly step: string;
  readonly implied: boolean;
  readonly why?: string;
}

export interface ReplayResult {
  readonly log: TakenStep[];
  /** The limits the engine wrote, for the checks. */
  readonly deadlines: DeadlineRecord[];
  readonly stage: string;
}

export interface DeadlineRecord {
  rule: string;
  status: string;
  due: string;
  base: string;
  opened: string;
  closed: string | null;
}

const DAY = 86_400_000;
const FILLERS: readonly ReplayMember[] = [
  { code: 'ISL', name: 'Iceland' },
  { code: 'URY', name: 'Uruguay' },
  { code: 'CRI', name: 'Costa Rica' },
  { code: 'MNG', name: 'Mongolia' },
  { code: 'SEN', name: 'Senegal' },
  { code: 'FJI', name: 'Fiji' },
  { code: 'OMN', name: 'Oman' },
  { code: 'MUS', name: 'Mauritius' },
];
// Panelists from members that are never parties in the fixtures (DSU 8.3): elected by the others.
const PANELISTS: readonly [string, string][] = [
  ['Amina Diallo', 'MLI'],
  ['Bjorn Halvorsen', 'NOR'],
  ['Carmen Rojas', 'BOL'],
  ['Dilnoza Karimova', 'UZB'],
  ['Eamon Keane', 'IRL'],
  ['Tashi Wangchuk', 'BTN'],
  ['Vaiana Tuilagi', 'WSM'],
];
const APPELLATE: readonly [string, string][] = [
  ['Farid Haddad', 'LBN'],
  ['Grace Mwangi', 'KEN'],
  ['Hiroshi Sato', 'JPN'],
];
const MEASURE = 'The measures at issue';
const PROVISION = 'The provisions invoked';
const file = (title: string) => ({
  title,
  fileName: 'document.pdf',
  mediaType: 'application/pdf',
  content: Buffer.from(title).toString('base64'),
});

// Appendix 3 ¶12: the lower end of each step, in days after the panel fixes its timetable.
const APPENDIX_3: readonly [string, number][] = [
  ['FIRST_SUBMISSION_COMPLAINANT', 21],
  ['FIRST_SUBMISSION_RESPONDENT', 35],
  ['FIRST_SUBSTANTIVE_MEETING', 42],
  ['THIRD_PARTY_SESSION', 42],
  ['REBUTTALS', 56],
  ['SECOND_SUBSTANTIVE_MEETING', 63],
  ['DESCRIPTIVE_PART', 77],
  ['COMMENTS_ON_DESCRIPTIVE_PART', 91],
  ['INTERIM_REPORT', 105],
  ['REVIEW_REQUESTS', 112],
  ['INTERIM_REVIEW', 126],
  ['FINAL_REPORT_TO_PARTIES', 140],
  ['CIRCULATION', 161],
];

// The steps the body decides at a meeting.
const AT_MEETING: ReadonlySet<ReplayStepKind> = new Set([
  'panelNotEstablished',
  'establishPanel',
  'adopt',
  'notAdopted',
  'referComplianceReview',
  'adoptComplianceReport',
  'authorizeSuspension',
  'declareCompliance',
]);

interface Planned {
  readonly on: string;
  readonly kind: string;
  readonly implied: boolean;
  readonly why?: string;
  readonly step?: ReplayStep;
  readonly run: () => Promise<unknown>;
}

export async function replay(t: TestApp, c: ReplayCase): Promise<ReplayResult> {
  return new Runner(t, c).run();
}

class Runner {
  private readonly members = new Map<string, MemberEntity>();
  private readonly delegates = new Map<string, UserEntity>();
  private secretariat!: UserEntity;
  private readonly panelists: UserEntity[] = [];
  private readonly persons: RosterPersonEntity[] = [];
  private disputeId = '';
  private readonly log: TakenStep[] = [];
  private readonly meetings = new Map<string, string>();
  private establishedOn: string | null = null;
  private complianceReferredOn: string | null = null;
  private readonly appealed = new Map<number, string[]>();

  constructor(
    private readonly t: TestApp,
    private readonly c: ReplayCase,
  ) {}

  async run(): Promise<ReplayResult> {
    await this.world();
    for (const planned of this.plan()) {
      await this.at(planned.on, planned.implied ? 9 : 10);
      await planned.run();
      this.log.push({ on: planned.on, step: planned.kind, implied: planned.implied, ...(planned.why ? { why: planned.why } : {}) });
      await this.sweep();
    }
    const stage = (await this.t.db.query('SELECT stage FROM disputes WHERE id = $1', [this.disputeId]))[0].stage as string;
    return { log: this.log, deadlines: await this.deadlines(), stage };
  }

  // ---- the world: members, delegates, the secretariat, the roster, the appellate roster

  private async world(): Promise<void> {
    const { t, c } = this;
    const named = [
      c.complainant,
      c.respondent,
      ...c.steps.flatMap((s) => [s.member, ...(s.members ?? [])]).filter((m): m is ReplayMember => !!m),
      ...FILLERS,
    ];
    for (const m of named) {
      if (this.members.has(m.code)) continue;
      const member = await createMember(t.db, { code: m.code, name: m.name });
      this.members.set(m.code, member);
      this.delegates.set(m.code, await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id }));
    }
    this.secretariat = await createUser(t.db, { role: 'SECRETARIAT' });
    for (const [name, nationality] of PANELISTS) {
      const user = await createUser(t.db, { role: 'PANELIST' });
      this.panelists.push(user);
      const repo = t.db.getRepository(RosterPersonEntity);
      this.persons.push(
        await repo.save(
          repo.create({
            name,
            nationality,
            expertise: ['trade'],
            languages: ['en'],
            available: true,
            status: 'APPROVED',
            nominatedByMemberId: this.members.get(FILLERS[0].code)!.id,
            userId: user.id,
          }),
        ),
      );
    }
    for (const [name, nationality] of APPELLATE) {
      await this.must(
        `mutation($n: String!, $c: String!) { addAppellateMember(name: $n, nationality: $c) { id } }`,
        { n: name, c: nationality },
        this.sec(),
      );
    }
  }

  // ---- time

  /** The clock to `hour` o'clock on `date` where the body sits; never backwards. */
  private async at(date: string, hour: number): Promise<void> {
    const target = new Date(startOfDay(date).getTime() + hour * 3600_000);
    const now = this.t.clock.now();
    if (target.getTime() < now.getTime()) {
      if (toIsoDate(now) > date) throw new Error(`${this.c.ds}: the replay cannot go back from ${toIsoDate(now)} to ${date}`);
      this.t.clock.set(new Date(now.getTime() + 60_000));
    } else {
      this.t.clock.set(target);
    }
  }

  private async sweep(): Promise<void> {
    await this.t.app.get(ProcedureSweeper).sweep();
  }

  // ---- the plan: the real steps, and the steps the body's procedure implies around them

  private plan(): Planned[] {
    const until = this.c.replayUntil?.on;
    const steps = this.c.steps.filter((s) => !until || s.on <= until);
    const plan: Planned[] = [];
    const real = (step: ReplayStep, run: () => Promise<unknown>) =>
      plan.push({ on: step.on, kind: step.step, implied: Boolean(step.implied), why: step.implied ? step.note : undefined, step, run });
    const implied = (on: string, kind: string, why: string, run: () => Promise<unknown>) =>
      plan.push({ on, kind, implied: true, why, run });

    const dateOf = (kind: ReplayStepKind, after?: string) => steps.find((s) => s.step === kind && (!after || s.on >= after))?.on;
    const establishment = dateOf('establishPanel');
    const circulation = dateOf('circulateReport');
    const finalToParties = steps.find((s) => s.step === 'finalReportToParties' && (!circulation || s.on <= circulation))?.on;

    for (const step of steps) {
      switch (step.step) {
        case 'requestConsultations':
          real(step, () => this.fileRequest(step));
          break;
        case 'joinConsultations':
          real(step, async () => {
            await this.act('joinAsThirdParty', this.del(step.member!.code));
            if (step.accepted !== false)
              await this.act('acceptJoinRequest', this.del(this.c.respondent.code), { memberCode: step.member!.code });
          });
          break;
        case 'requestPanel':
          real(step, () => this.requestPanel(step, steps));
          break;
        case 'panelNotEstablished':
          real(step, () =>
            step.deferredBy === 'COMPLAINANT'
              ? this.act('deferPanelRequest', this.del(this.c.complainant.code))
              : this.bodyDecision(step.on, 'recordBodyMeeting'),
          );
          break;
        case 'establishPanel':
          real(step, async () => {
            await this.bodyDecision(step.on, 'establishPanel');
            this.establishedOn = step.on;
          });
          break;
        case 'reserveThirdPartyRights':
          real(step, async () => {
            for (const m of step.members ?? []) await this.act('joinPanelAsThirdParty', this.del(m.code));
          });
          break;
        case 'requestDgAppointment':
          // A compliance panel is the original one (DSU 21.5): no composition to ask for.
          if (circulation && step.on > circulation) break;
          real(step, () => this.act('requestDgAppointment', this.del(this.party(step.by ?? 'COMPLAINANT'))));
          break;
        case 'composePanel':
          this.planComposition(step, establishment ?? step.on, plan);
          if (circulation) this.planPanelWork(step.on, finalToParties, circulation, steps, plan);
          break;
        case 'requestSuspension':
          real(step, () => this.act('requestSuspension', this.del(this.c.complainant.code)));
          break;
        case 'suspend':
          real(step, () => this.act('suspend', this.pan(0)));
          break;
        case 'resume':
          real(step, () => this.act('resume', this.del(this.c.complainant.code)));
          break;
        case 'lapse':
          // The worker lapses the panel's authority once the 12 months have run (DSU 12.12).
          real(step, () => this.sweep());
          break;
        case 'informBodyOfDelay':
          real(step, () =>
            step.appellate
              ? this.act('informBodyOfAppellateDelay', this.sec(), { note: this.delayLetter(step) })
              : this.act('informBodyOfDelay', this.pan(0), { note: this.delayLetter(step) }),
          );
          break;
        case 'finalReportToParties':
          // Taken with the panel's work (planPanelWork), or by the compliance panel.
          break;
        case 'circulateReport':
          real(step, () => this.must(`mutation($d: ID!) { circulateReport(disputeId: $d) { id } }`, { d: this.disputeId }, this.sec()));
          break;
        case 'appeal':
        case 'appealComplianceReport':
          real(step, () => this.appeal(step));
          break;
        case 'crossAppeal': {
          // Another appeal later than 5 days came under a longer period: the working procedures
          // then in force (15 days until 2005) or the division's schedule (rule 16(2)).
          const first = [...steps].reverse().find((s) => (s.step === 'appeal' || s.step === 'appealComplianceReport') && s.on <= step.on);
          if (first && daysBetween(first.on, step.on) > 5) {
            implied(
              addDays(first.on, 1),
              'recordExtension',
              `The other appeal of ${step.on} came ${daysBetween(first.on, step.on)} days after the notice: the period for it was longer than the body's 5 days.`,
              () => this.act('recordExtension', this.sec(), { extension: { rule: 'CROSS_APPEAL', until: step.on } }),
            );
          }
          real(step, () => this.appeal(step));
          break;
        }
        case 'circulateAppellateReport':
        case 'circulateComplianceAppellateReport':
          real(step, () => this.appellateReport(step));
          break;
        case 'extendAdoptionPeriod':
          real(step, () => this.act('recordExtension', this.sec(), { extension: { rule: 'PANEL_REPORT_ADOPTION', until: step.until } }));
          break;
        case 'adopt':
        case 'adoptComplianceReport':
          real(step, () => this.adoptionMeeting(step.on));
          break;
        case 'notAdopted':
          this.planNotAdopted(step, plan);
          break;
        case 'stateIntentions':
          real(step, () => this.act('stateImplementationIntentions', this.del(this.c.respondent.code)));
          break;
        case 'agreeRpt':
          real(step, () => this.act('agreeRpt', this.sec(), { rptEndsOn: step.rptEndsOn }));
          break;
        case 'requestRptArbitration':
          real(step, () => this.act('arbitrateRpt', this.del(this.party(step.by ?? 'RESPONDENT'))));
          break;
        case 'rptAward':
          real(step, () => this.act('fixRpt', this.sec(), { rptEndsOn: step.rptEndsOn }));
          break;
        case 'extendRpt':
          real(step, () =>
            this.act('recordExtension', this.sec(), { extension: { rule: 'IMPLEMENTATION_PERIOD', until: step.rptEndsOn } }),
          );
          break;
        case 'requestComplianceReview':
          real(step, () => this.act('requestComplianceReview', this.del(this.party(step.by ?? 'COMPLAINANT'))));
          break;
        case 'referComplianceReview':
          real(step, async () => {
            await this.bodyDecision(step.on, 'referComplianceReview');
            this.complianceReferredOn = step.on;
          });
          break;
        case 'composeCompliancePanel':
          // The original panelists sit again (DSU 21.5): nothing to compose.
          break;
        case 'circulateComplianceReport':
          this.planComplianceReport(step, steps, plan);
          break;
        case 'requestRetaliation':
          real(step, () => this.act('requestRetaliation', this.del(this.c.complainant.code)));
          break;
        case 'objectToRetaliationLevel':
          real(step, () => this.act('objectToRetaliationLevel', this.del(this.c.respondent.code)));
          break;
        case 'retaliationAward':
          real(step, () => this.act('decideRetaliationLevel', this.sec()));
          break;
        case 'authorizeSuspension':
          real(step, () => this.bodyDecision(step.on, 'authorizeSuspension'));
          break;
        case 'mutuallyAgreedSolution':
          real(step, () => this.act('notifyMutuallyAgreedSolution', this.del(this.c.complainant.code)));
          break;
        case 'withdraw':
          real(step, () => this.act('withdraw', this.del(this.c.complainant.code)));
          break;
        case 'declareCompliance':
          real(step, () => this.bodyDecision(step.on, 'declareCompliance'));
          break;
      }
    }
    // DSU 4.11: members ask to join within 10 days of the request's circulation, which at the WTO
    // comes days after its filing (WT/DSn/1 bears that date). A join the WTO accepted was within
    // those 10 days, so the request was circulated no earlier than 10 days before the last join.
    const request = steps.find((s) => s.step === 'requestConsultations');
    const lastJoin = steps
      .filter((s) => s.step === 'joinConsultations')
      .map((s) => s.on)
      .sort()
      .at(-1);
    if (request && lastJoin && daysBetween(request.on, lastJoin) > 10) {
      const circulated = addDays(lastJoin, -10);
      implied(
        circulated,
        'circulateRequest',
        `The request was circulated after its filing; the record gives no date, but the join of ${lastJoin} was within 10 days of it (DSU 4.11).`,
        () => this.act('circulateRequest', this.sec()),
      );
    }
    // Meetings are convened 10 days ahead: the convening is a step of its own, in date order.
    for (const step of steps.filter((s) => AT_MEETING.has(s.step))) {
      const convene = addDays(step.on, -10);
      implied(convene, 'scheduleBodyMeeting', `The body's meeting of ${step.on} is convened with 10 days' notice.`, () =>
        this.convene(step.on),
      );
    }
    const order = (p: Planned) => `${p.on}:${p.kind === 'scheduleBodyMeeting' ? 0 : 1}`;
    return plan
      .map((p, i) => ({ p, i }))
      .sort((a, b) => order(a.p).localeCompare(order(b.p)) || a.i - b.i)
      .map(({ p }) => p);
  }

  // ---- consultations and establishment

  private async fileRequest(step: ReplayStep): Promise<void> {
    const res = await this.must(
      `mutation($input: RequestConsultationsInput!) { requestConsultations(input: $input) { id } }`,
      {
        input: {
          respondents: [this.c.respondent.code],
          title: `${this.c.ds} ${this.c.title}`,
          measures: [MEASURE],
          legalBasis: [PROVISION],
          summary: this.c.covers,
          urgent: Boolean(step.urgent),
        },
      },
      this.del(this.c.complainant.code),
    );
    this.disputeId = res.requestConsultations.id;
  }

  private async requestPanel(step: ReplayStep, steps: ReplayStep[]): Promise<void> {
    // Consultations were held (the record gives the request, not the consultations): the
    // respondent's entry into them is implied on the day of the panel request when not recorded.
    const stage = await this.stage();
    if (stage === 'CONSULTATIONS_REQUESTED') {
      await this.act('enterConsultations', this.del(this.c.respondent.code));
      this.log.push({
        on: step.on,
        step: 'enterConsultations',
        implied: true,
        why: 'Consultations were held before the panel request; their date is not recorded.',
      });
    }
    await this.act('requestPanel', this.del(this.c.complainant.code));
    // DSU 6.1, footnote 5: a meeting within 15 days at the complainant's request, when the next
    // meeting comes sooner than the 11 days of an ordinary agenda.
    const next = steps.find((s) => (s.step === 'panelNotEstablished' || s.step === 'establishPanel') && s.on >= step.on);
    if (next && daysBetween(step.on, next.on) < 11) {
      await this.act('requestBodyMeeting', this.del(this.c.complainant.code));
      this.log.push({
        on: step.on,
        step: 'requestBodyMeeting',
        implied: true,
        why: `The body met ${daysBetween(step.on, next.on)} days after the request: a meeting at the complainant's request (DSU 6.1, fn 5).`,
      });
    }
  }

  private async convene(heldOn: string): Promise<void> {
    if (this.meetings.has(heldOn)) return;
    const res = await this.must(`mutation($d: LocalDate!) { scheduleBodyMeeting(heldOn: $d) { id } }`, { d: heldOn }, this.sec());
    this.meetings.set(heldOn, res.scheduleBodyMeeting.id);
  }

  /** The meeting of today, its attendance recorded: every member present. */
  private async meeting(on: string): Promise<string> {
    const id = this.meetings.get(on);
    if (!id) throw new Error(`${this.c.ds}: no meeting convened for ${on}`);
    await this.must(
      `mutation($m: ID!, $p: [String!]!) { recordMeetingAttendance(meetingId: $m, presentMembers: $p) { id } }`,
      { m: id, p: [...this.members.keys()] },
      this.sec(),
    );
    return id;
  }

  private async bodyDecision(on: string, action: string): Promise<void> {
    await this.act(action, this.sec(), { meetingId: await this.meeting(on) });
  }

  // ---- composition by election

  private planComposition(step: ReplayStep, established: string, plan: Planned[]): void {
    // DSU 8.5: the election opens once the 10 days to agree on five panelists have passed; it
    // stays open 7 days and closes after the 15 days for challenges (the body's rules).
    const earliestClose = addDays(established, 18);
    const closeOn = step.on >= earliestClose ? step.on : earliestClose;
    const openOn = addDays(closeOn, -7);
    const late =
      closeOn !== step.on ? ` The WTO panel was composed on ${step.on}; the body's election cannot compose it before ${closeOn}.` : '';
    plan.push({
      on: openOn,
      kind: 'openElection',
      implied: true,
      why: `The body elects its panelists (the WTO's were ${step.how === 'DIRECTOR_GENERAL' ? 'appointed by the Director-General' : 'agreed'}).${late}`,
      run: async () => {
        // Opened at 9 o'clock, closed 7 days later at 9, before the composition's hour.
        const opensAt = this.t.clock.now();
        const closesAt = new Date(opensAt.getTime() + 7 * DAY);
        const res = await this.must(
          `mutation($input: OpenElectionInput!) { openElection(input: $input) { id } }`,
          { input: { disputeId: this.disputeId, opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() } },
          this.sec(),
        );
        const electionId = res.openElection.id;
        // Every member ranks the eligible candidates in the roster's order (DSU 8.3 excludes the
        // nationals of parties and third parties).
        const ranking = (
          await this.t.db.query('SELECT person_id FROM election_candidates WHERE election_id = $1 ORDER BY position', [electionId])
        ).map((r: { person_id: string }) => r.person_id);
        const electors = await this.t.db.query('SELECT member_id FROM election_electors WHERE election_id = $1', [electionId]);
        for (const { member_id } of electors) {
          const code = [...this.members.entries()].find(([, m]) => m.id === member_id)![0];
          await this.must(
            `mutation($input: CastBallotInput!) { castBallot(input: $input) { receipt } }`,
            { input: { electionId, ranking } },
            this.del(code),
          );
        }
        this.election = electionId;
      },
    });
    plan.push({
      on: closeOn,
      kind: 'composePanel',
      implied: closeOn !== step.on,
      why: late.trim() || undefined,
      step,
      run: async () => {
        await this.must(`mutation($id: ID!) { closeElection(id: $id) { status } }`, { id: this.election }, this.sec());
        await this.readSeats();
      },
    });
  }

  private election = '';

  // ---- the panel's work, not in the public record: Appendix 3 stretched to the real report

  private planPanelWork(
    composed: string,
    finalToParties: string | undefined,
    circulation: string,
    steps: ReplayStep[],
    plan: Planned[],
  ): void {
    const established = steps.find((s) => s.step === 'establishPanel')?.on ?? composed;
    // The day after the composition (the election closes on the real date or as soon as allowed).
    const start = addDays(maxDate(composed, addDays(established, 18)), 1);
    const final = finalToParties ?? addDays(circulation, -21);
    const span = Math.max(daysBetween(start, final), 42);
    const dateOf = (kind: string) => {
      const offset = APPENDIX_3.find(([k]) => k === kind)![1];
      return kind === 'CIRCULATION' ? circulation : addDays(start, Math.max(1, Math.round((offset / 140) * span)));
    };
    const why = 'The panel’s own work is not in the public record: its timetable follows Appendix 3 ¶12 over the time the real panel took.';
    plan.push({
      on: start,
      kind: 'adoptTimetable',
      implied: true,
      why,
      run: () =>
        this.must(
          `mutation($input: AdoptTimetableInput!) { adoptTimetable(input: $input) { id } }`,
          { input: { disputeId: this.disputeId, startDate: start, steps: APPENDIX_3.map(([kind]) => ({ kind, dueDate: dateOf(kind) })) } },
          this.pan(0),
        ),
    });
    plan.push({
      on: dateOf('FIRST_SUBSTANTIVE_MEETING'),
      kind: 'holdFirstMeeting',
      implied: true,
      why,
      run: () => this.act('holdFirstMeeting', this.pan(0)),
    });
    plan.push({
      on: dateOf('SECOND_SUBSTANTIVE_MEETING'),
      kind: 'holdSecondMeeting',
      implied: true,
      why,
      run: () => this.act('holdSecondMeeting', this.pan(0)),
    });
    plan.push({
      on: dateOf('DESCRIPTIVE_PART'),
      kind: 'issueDescriptivePart',
      implied: true,
      why,
      run: () => this.report('DESCRIPTIVE_PART'),
    });
    plan.push({ on: dateOf('INTERIM_REPORT'), kind: 'issueInterimReport', implied: true, why, run: () => this.report('INTERIM_REPORT') });
    plan.push({
      on: final,
      kind: 'issueFinalReport',
      implied: !finalToParties,
      why: finalToParties ? undefined : why,
      run: () => this.report('FINAL_REPORT'),
    });
  }

  private planComplianceReport(step: ReplayStep, steps: ReplayStep[], plan: Planned[]): void {
    const toParties = steps.find(
      (s) =>
        s.step === 'finalReportToParties' &&
        s.on <= step.on &&
        s.on > (steps.find((x) => x.step === 'referComplianceReview' && x.on <= step.on)?.on ?? ''),
    )?.on;
    plan.push({
      on: toParties ?? addDays(step.on, -14),
      kind: 'issueComplianceReport',
      implied: !toParties,
      why: toParties
        ? undefined
        : 'The compliance panel issues its report to the parties two weeks before circulation (not in the record).',
      run: () => this.report('COMPLIANCE_REPORT'),
    });
    plan.push({
      on: step.on,
      kind: step.step,
      implied: Boolean(step.implied),
      step,
      run: () => this.must(`mutation($d: ID!) { circulateReport(disputeId: $d) { id } }`, { d: this.disputeId }, this.sec()),
    });
  }

  private planNotAdopted(step: ReplayStep, plan: Planned[]): void {
    // Every member present objects, in writing, 10 days before the meeting (DSU 16.2).
    plan.push({
      on: addDays(step.on, -11),
      kind: 'objectToAdoption',
      implied: true,
      why: 'Every member objects 10 days before the meeting (DSU 16.2).',
      run: async () => {
        for (const code of this.members.keys()) {
          await this.must(`mutation($d: ID!) { objectToAdoption(disputeId: $d) }`, { d: this.disputeId }, this.del(code));
        }
      },
    });
    plan.push({ on: step.on, kind: step.step, implied: false, step, run: () => this.adoptionMeeting(step.on) });
  }

  /** A version of the report: submitted by the chair, approved by two panelists, issued. */
  private async report(version: string): Promise<void> {
    const findings =
      version === 'DESCRIPTIVE_PART'
        ? []
        : [
            {
              measure: MEASURE,
              provision: PROVISION,
              finding: 'INCONSISTENT',
              reasoning: 'Found inconsistent.',
              recommendation: 'Bring the measure into conformity.',
            },
            { measure: MEASURE, provision: PROVISION, finding: 'CONSISTENT', reasoning: 'Found consistent.' },
          ];
    const submitted = await this.must(
      `mutation($input: SubmitReportInput!) { submitReport(input: $input) { id } }`,
      { input: { disputeId: this.disputeId, version, findings, ...file(`${this.c.ds} ${version}`) } },
      this.seatToken(0),
    );
    if (version === 'DESCRIPTIVE_PART') return;
    const id = submitted.submitReport.id;
    for (const i of [0, 1])
      await this.must(`mutation($r: ID!) { voteOnReport(reportId: $r, approve: true) }`, { r: id }, this.seatToken(i));
    await this.must(`mutation($r: ID!) { issueReport(reportId: $r) { id } }`, { r: id }, this.seatToken(0));
  }

  // ---- appeal and adoption

  private async appeal(step: ReplayStep): Promise<void> {
    const who = step.by ?? (step.step === 'crossAppeal' ? 'COMPLAINANT' : 'RESPONDENT');
    const findings: string[] = (
      await this.t.db.query(
        `SELECT f.id FROM findings f JOIN reports r ON r.id = f.report_id
          WHERE r.dispute_id = $1 AND r.status = 'CIRCULATED' AND r.version IN ('FINAL_REPORT', 'COMPLIANCE_REPORT')
          ORDER BY r.circulated_at DESC, f.position`,
        [this.disputeId],
      )
    ).map((r: { id: string }) => r.id);
    const finding = findings[step.step === 'crossAppeal' ? 1 : 0];
    await this.must(
      `mutation($d: ID!, $f: [ID!]!) { fileAppeal(disputeId: $d, findingIds: $f) { id } }`,
      { d: this.disputeId, f: [finding] },
      this.del(this.party(who)),
    );
  }

  private async appellateReport(step: ReplayStep): Promise<void> {
    const appeals: { finding_ids: string[] }[] = await this.t.db.query(
      `SELECT finding_ids FROM appeals WHERE dispute_id = $1 AND proceeding = (SELECT compliance_round FROM disputes WHERE id = $1)`,
      [this.disputeId],
    );
    const outcomes = appeals.flatMap((a) => a.finding_ids).map((findingId) => ({ findingId, outcome: 'UPHELD', reasoning: 'Upheld.' }));
    const [late] = await this.t.db.query(
      `SELECT 1 FROM deadlines WHERE dispute_id = $1 AND rule = 'APPELLATE_REPORT' AND (status = 'MISSED' OR (status = 'OPEN' AND due_date < $2))`,
      [this.disputeId, step.on],
    );
    await this.must(
      `mutation($input: RecordAppellateReportInput!) { recordAppellateReport(input: $input) { id } }`,
      {
        input: {
          disputeId: this.disputeId,
          outcomes,
          ...file(`${this.c.ds} appellate report`),
          ...(late ? { delayReason: 'As the appellate body explained to the body (DSU 17.5).' } : {}),
        },
      },
      this.sec(),
    );
  }

  private async adoptionMeeting(on: string): Promise<void> {
    await this.must(
      `mutation($d: ID!, $m: ID!) { recordAdoptionMeeting(disputeId: $d, meetingId: $m) { outcome } }`,
      { d: this.disputeId, m: await this.meeting(on) },
      this.sec(),
    );
  }

  private delayLetter(step: ReplayStep): string {
    return `${step.appellate ? 'The appellate body' : 'The panel'} expects to complete its work${step.expectedBy ? ` by ${step.expectedBy}` : ''} (${step.source.symbol ?? step.source.title}).`;
  }

  // ---- API

  private async act(action: string, token: string, extra: Record<string, unknown> = {}): Promise<void> {
    await this.must(
      `mutation($input: TakeActionInput!) { takeAction(input: $input) { id } }`,
      { input: { disputeId: this.disputeId, action, ...extra } },
      token,
    );
  }

  private async must(query: string, variables: Record<string, unknown>, token?: string): Promise<Record<string, any>> {
    const res = await this.t.gql(query, variables, token);
    if (res.errors) {
      const when = toIsoDate(this.t.clock.now());
      throw new Error(
        `${this.c.ds} on ${when}: ${query.slice(0, 60).replace(/\s+/g, ' ')}… refused: ${JSON.stringify(res.errors.map((e) => ({ message: e.message, code: e.extensions.code })))}`,
      );
    }
    return res.data as Record<string, any>;
  }

  private async stage(): Promise<string> {
    return (await this.t.db.query('SELECT stage FROM disputes WHERE id = $1', [this.disputeId]))[0].stage;
  }

  private async deadlines(): Promise<DeadlineRecord[]> {
    return this.t.db.query(
      `SELECT rule, status, to_char(due_date, 'YYYY-MM-DD') AS due, to_char(base_date, 'YYYY-MM-DD') AS base,
              opened_at AS opened, closed_at AS closed
         FROM deadlines WHERE dispute_id = $1 ORDER BY opened_at, rule`,
      [this.disputeId],
    );
  }

  private party(by: 'COMPLAINANT' | 'RESPONDENT'): string {
    return by === 'COMPLAINANT' ? this.c.complainant.code : this.c.respondent.code;
  }

  private del(code: string): string {
    return this.t.tokenFor(this.delegates.get(code)!);
  }

  private sec(): string {
    return this.t.tokenFor(this.secretariat);
  }

  private pan(i: number): string {
    return this.seatToken(i);
  }

  /** The i-th panelist seated on the dispute's panel, the chair first. */
  private seatToken(i: number): string {
    const seat = this.seats[i];
    if (!seat) throw new Error(`${this.c.ds}: no panelist seated in place ${i}`);
    return this.t.tokenFor(this.panelists.find((p) => p.id === seat)!);
  }

  private seats: string[] = [];

  private async readSeats(): Promise<void> {
    const rows: { user_id: string }[] = await this.t.db.query(
      'SELECT user_id FROM panel_seats WHERE dispute_id = $1 AND vacated_at IS NULL ORDER BY chair DESC, person_id',
      [this.disputeId],
    );
    this.seats = rows.map((r) => r.user_id);
  }
}

// ---- dates, independent of the engine's dates.ts

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
