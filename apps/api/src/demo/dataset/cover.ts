// The demo's registry: at least one dispute in every stage of the engine (STAGES of
// @app/procedure), each driven through the engine by simulate.ts like any bench dispute. Each
// stage has a fate that leads there (and, for a stage the dispute would leave, a stop there); the
// filing date is then the latest of a widening series for which the simulated dispute is in that
// stage today, so that it reached it recently and its time limits still run.
import { STAGES, startOfDay, toIsoDate, type Stage } from '@app/procedure';
import { DAY, HOUR, later } from './clock';
import type { Dispute } from './disputes';
import { canBeElected } from './elections';
import type { Fate } from './fate';
import { OTHER_NATIONALITIES } from './names';
import { Rng } from './random';
import { simulate } from './simulate';
import type { World } from './world';

/** What the demo asks of a dispute: the stage it is in today, how it got there, what it must show. */
export interface Cover {
  stage: Stage;
  fate: Partial<Fate>;
  /** Stop driving the dispute once it is there (a stage it would otherwise leave). */
  stop: boolean;
  /** What the dispute must show besides its stage. */
  shows?: (d: Dispute, world: World) => boolean;
  /** The demo's panelist stands for this panel (the panelist sits on two panels with hearings ahead). */
  demoPanel?: boolean;
}

/** A dispute that goes to a panel and on, with no branch taken unless a cover asks for it. */
const BASE: Fate = {
  reply: 'ontime',
  enter: true,
  route: 'panel',
  exitStage: 'CONSULTATIONS_REQUESTED',
  goodOffices: false,
  bodyMeetings: 0,
  termsOfReference: false,
  fivePanelists: false,
  dgAppointment: false,
  suspension: 'none',
  appeal: false,
  rptArbitration: false,
  after: 'stall',
  statusReports: 2,
};

const docketed =
  (kind: string, n = 1) =>
  (d: Dispute) =>
    d.events.filter((e) => e.kind === kind).length >= n;
const fivePanelistsRun = (d: Dispute) => d.snapshot.deadlines.some((r) => r.rule === 'FIVE_PANELISTS' && r.status !== 'OPEN');
const composedWithRoom = (d: Dispute) =>
  d.composedAt !== null && d.establishedAt !== null && d.composedAt.getTime() - d.establishedAt.getTime() >= 21 * DAY;

/** One cover per stage of the engine, and a few more where the demo shows something twice. */
export const COVERS: readonly Cover[] = [
  { stage: 'CONSULTATIONS_REQUESTED', fate: { enter: false, route: 'stall' }, stop: false },
  { stage: 'IN_CONSULTATIONS', fate: { route: 'stall', goodOffices: true }, stop: false },
  { stage: 'PANEL_REQUESTED', fate: { bodyMeetings: 1 }, stop: true },
  // Its panel election opens at the load (../demo-live.ts): the parties' 10 days to agree on five
  // panelists have run (DSU 8.5), so the engine lets the secretariat open it.
  { stage: 'PANEL_ESTABLISHED', fate: { termsOfReference: true }, stop: true, shows: fivePanelistsRun },
  { stage: 'PANEL_COMPOSED', fate: { dgAppointment: true }, stop: true },
  // The two panels of the demo's panelist (panelist@demo.dsb), at work: its meetings with the parties ahead.
  { stage: 'PANEL_PROCEEDINGS', fate: {}, stop: true, shows: composedWithRoom, demoPanel: true },
  { stage: 'PANEL_PROCEEDINGS', fate: { termsOfReference: true }, stop: true, shows: composedWithRoom, demoPanel: true },
  { stage: 'SUSPENDED', fate: { suspension: 'resume' }, stop: true },
  { stage: 'INTERIM_REVIEW', fate: {}, stop: true },
  // Its panel elected (elections.ts), so that its reports are a seated panel's (rulings.ts).
  { stage: 'REPORT_CIRCULATED', fate: {}, stop: true, shows: canBeElected },
  { stage: 'UNDER_APPEAL', fate: { appeal: true }, stop: true },
  { stage: 'APPEAL_SUSPENDED', fate: { appeal: true, appealSuspended: true }, stop: true },
  { stage: 'ADOPTED', fate: {}, stop: true },
  { stage: 'ADOPTED', fate: { appeal: true }, stop: true, shows: docketed('adoptAppellateReport') },
  { stage: 'RPT_DETERMINATION', fate: { rptArbitration: true }, stop: true },
  // Under surveillance with its status reports (DSU 21.6): the respondent files them to the end.
  { stage: 'IMPLEMENTATION_SURVEILLANCE', fate: { statusReports: 3 }, stop: false, shows: docketed('fileStatusReport', 2) },
  { stage: 'COMPLIANCE_REVIEW', fate: { after: 'complianceReview' }, stop: true },
  { stage: 'COMPLIANCE_REPORT_CIRCULATED', fate: { after: 'complianceReview' }, stop: true },
  { stage: 'COMPLIANCE_UNDER_APPEAL', fate: { after: 'complianceReview', appeal: true }, stop: true },
  { stage: 'COMPENSATION_NEGOTIATION', fate: { after: 'compensation' }, stop: true },
  { stage: 'RETALIATION_REQUESTED', fate: { after: 'retaliation' }, stop: true },
  { stage: 'ARB_22_6', fate: { after: 'retaliation', appeal: true }, stop: true },
  { stage: 'SUSPENSION_AUTHORIZED', fate: { after: 'retaliation' }, stop: true },
  { stage: 'SETTLED_MAS', fate: { route: 'settle', exitStage: 'IN_CONSULTATIONS' }, stop: false },
  { stage: 'SETTLED_MAS', fate: { route: 'settle', exitStage: 'PANEL_PROCEEDINGS' }, stop: false },
  { stage: 'WITHDRAWN', fate: { route: 'withdraw', exitStage: 'PANEL_ESTABLISHED' }, stop: false },
  { stage: 'LAPSED', fate: { suspension: 'lapse' }, stop: false },
  { stage: 'NOT_ADOPTED', fate: { notAdopted: true }, stop: false, shows: canBeElected },
  { stage: 'COMPLIED', fate: { after: 'comply' }, stop: false },
  { stage: 'COMPLIED', fate: { after: 'comply', rptArbitration: true }, stop: false },
];

/** The stages of the engine no cover reaches: empty, or the demo misses a stage (cover.spec.ts). */
export function stagesNotCovered(covers: readonly Cover[] = COVERS): Stage[] {
  return STAGES.filter((stage) => !covers.some((c) => c.stage === stage));
}

/**
 * Makes the first COVERS.length disputes the demo's covers (fate, third party, filing date found
 * by simulating), leaving them simulated; then puts all of them back in filing order. The others,
 * if any, are simulated as the bench's.
 */
export function coverEveryStage(world: World, disputes: Dispute[]): void {
  markDemoPanelist(world);
  const span = 12 * 365;
  disputes.forEach((d, i) => {
    const cover = COVERS[i];
    if (!cover) {
      simulate(d, world);
      return;
    }
    d.fate = { ...BASE, ...cover.fate };
    d.stopAt = cover.stop ? cover.stage : undefined;
    d.demoPanel = cover.demoPanel;
    d.urgent = false;
    // A third party in every third dispute (DSU 4.11), another member than the parties.
    const taken = new Set([d.complainant.id, ...d.respondents.map((m) => m.id)]);
    const third = i % 3 === 0 ? world.members.find((m) => !taken.has(m.id)) : undefined;
    // Filed `days` ago: in the stage today (and showing what it must), or at least through it.
    const attempt = (days: number): 'there' | 'passed' | 'short' => {
      const rng = new Rng(world.seed + i * 7907 + days);
      d.filedAt = new Date(startOfDay(toIsoDate(new Date(world.asOf.getTime() - days * DAY))).getTime() + 8 * HOUR + i * 60_000);
      d.joins = third ? [{ member: third, at: later(rng, d.filedAt, 1, 9) }] : [];
      simulate(d, world);
      if (d.snapshot.stage === cover.stage && (!cover.shows || cover.shows(d, world))) return 'there';
      return d.periods.some((p) => p.stage === cover.stage) ? 'passed' : 'short';
    };
    // Coarse steps back in time until the dispute gets through the stage, then day by day (every
    // other day) between the last two steps: a stage may last only weeks (DSU 16.4: 60 days).
    for (let days = 12, previous = 12; days <= span; previous = days, days = Math.ceil(days * 1.08)) {
      const found = attempt(days);
      if (found === 'there') return;
      if (found === 'short') continue;
      for (let fine = previous + 1; fine < days; fine += 2) if (attempt(fine) === 'there') return;
    }
    throw new Error(`The demo data set found no filing date that brings a dispute to ${cover.stage}`);
  });
  disputes.sort((a, b) => a.filedAt.getTime() - b.filedAt.getTime());
  disputes.forEach((d, i) => {
    d.simIndex ??= d.index;
    d.index = i;
  });
}

/** The first roster person with an account becomes the demo's panelist: approved, available, of no member's nationality. */
function markDemoPanelist(world: World): void {
  const panelist = world.users.find((u) => u.email === 'panelist@demo.dsb');
  const person = world.persons.find((p) => p.userId === panelist?.id);
  if (!person) throw new Error('The demo roster has no panelist with an account');
  person.available = true;
  person.nationality = OTHER_NATIONALITIES[0];
  person.popularity = 1000;
  world.demoPanelist = person;
  // Every approved person stands: the demo's panels are all elected where a ballot fits
  // (../demo-data.ts), each from persons of other nationalities than its parties'.
  for (const p of world.persons) if (p.status === 'APPROVED') p.available = true;
}
