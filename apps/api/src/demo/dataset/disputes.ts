// The disputes before their simulation: who files against whom, when, about what, their fate, and
// the third parties that ask to join the consultations (DSU 4.11).
import { startOfDay, toIsoDate, type DeadlineRuleCode, type DisputeSnapshot, type Stage } from '@app/procedure';
import { MEASURE_KINDS, PRODUCTS, PROVISIONS } from './names';
import type { Rng } from './random';
import { DAY, HOUR, later } from './clock';
import { pickFate, type Fate } from './fate';
import type { Member } from './members';
import type { World } from './world';

export interface DocketEvent {
  at: Date;
  order: number;
  kind: string;
  actorRole: string;
  actorId: string | null;
  text: string;
  documentIds: string[];
  correctsId?: string | null;
  id?: string;
  seq?: number;
}

/** A deadline row's id and life, beside the engine's row of the same index. */
export interface RowMeta {
  id: string;
  openedAt: Date;
  closedAt: Date | null;
}

export interface Period {
  id: string;
  stage: Stage;
  enteredAt: Date;
  leftAt: Date | null;
}

export interface Party {
  memberId: string;
  kind: 'COMPLAINANT' | 'RESPONDENT' | 'THIRD_PARTY';
  joinedAt: Date;
}

export interface Dispute {
  index: number;
  id: string;
  filedAt: Date;
  urgent: boolean;
  complainant: Member;
  respondents: Member[];
  title: string;
  summary: string;
  measures: string[];
  legalBasis: string[];
  fate: Fate;
  /** The stage at which the simulation stops driving the dispute (the demo's cover.ts); none: as far as its fate goes. */
  stopAt?: Stage;
  /** The demo's panelist stands for this panel (cover.ts). */
  demoPanel?: boolean;
  /** The index the dispute was simulated under, when it was numbered again since (cover.ts). */
  simIndex?: number;
  joins: { at: Date; member: Member }[];
  // Filled by the simulation:
  snapshot: DisputeSnapshot;
  rows: RowMeta[];
  events: DocketEvent[];
  parties: Party[];
  periods: Period[];
  version: number;
  done: Set<string>;
  /** Actions the engine approved, by name. */
  applied: Set<string>;
  refused: number;
  establishedAt: Date | null;
  composedAt: Date | null;
  composeEvent: DocketEvent | null;
  endedAt: Date | null;
  /** The timetable the panel adopted (fixTimetable), and when. */
  timetable: { at: Date; steps: { rule: DeadlineRuleCode; date: string }[] } | null;
}

/** `n` disputes filed over `years` years before `asOf`, in filing order; not yet simulated. */
export function makeDisputes(rng: Rng, world: World, n: number, years: number): Dispute[] {
  const span = years * 365 * DAY;
  const start = world.asOf.getTime() - span;
  const filed: Date[] = [];
  for (let i = 0; i < n; i++) {
    // A slowly growing case load: later years see more filings.
    const x = Math.sqrt(rng.next() * 0.75 + 0.25);
    const day = startOfDay(toIsoDate(new Date(start + ((x - 0.5) / 0.5) * span)));
    filed.push(new Date(Math.max(start, day.getTime()) + 7 * HOUR + rng.int(0, 10 * 3600 - 1) * 1000 + rng.int(0, 999)));
  }
  filed.sort((a, b) => a.getTime() - b.getTime());
  const busy = world.members.slice(0, 12);
  return filed.map((filedAt, index) => {
    const complainant = rng.chance(0.6) ? rng.pick(busy) : rng.pick(world.members);
    const respondents = rng.sample(
      world.members.filter((m) => m !== complainant),
      rng.chance(0.9) ? 1 : rng.int(2, 3),
    );
    const product = rng.pick(PRODUCTS);
    const measure = `${rng.pick(MEASURE_KINDS)} ${product}`;
    const basis = rng.sample(PROVISIONS, rng.int(1, 4));
    const title = `${respondents[0].name} — ${measure}`;
    const measures = [measure, ...(rng.chance(0.3) ? [`Implementing regulations concerning ${product}`] : [])];
    return {
      index,
      id: rng.uuid(),
      filedAt,
      urgent: rng.chance(0.05),
      complainant,
      respondents,
      title,
      summary:
        `${complainant.name} considers that the ${measure.toLowerCase()} maintained by ${respondents.map((m) => m.name).join(' and ')} ` +
        `are inconsistent with ${basis.join(', ')}, and that benefits accruing to it are nullified or impaired. ` +
        `It requests consultations with a view to reaching a mutually satisfactory solution.`,
      measures,
      legalBasis: basis,
      fate: pickFate(rng),
      joins: [],
    } as unknown as Dispute;
  });
}

/** Third parties for the consultations: `n` joins spread over the disputes, days 1-9 after filing. */
export function planJoins(rng: Rng, world: World, disputes: Dispute[], n: number): void {
  for (const d of disputes) d.joins = [];
  if (n <= 0) return;
  // Disputes that were still in consultations on day 10 can take a third party.
  const open = disputes.filter((d) => d.periods.length === 1 || d.periods[1].enteredAt.getTime() > d.filedAt.getTime() + 10 * DAY);
  const eligible = open.filter((d) => d.filedAt.getTime() + 10 * DAY < world.asOf.getTime());
  const capacity = new Map(eligible.map((d) => [d, 0]));
  let left = n;
  for (let round = 0; left > 0 && round < 6; round++) {
    for (const d of eligible) {
      if (left === 0) break;
      if (!rng.chance(round === 0 ? 0.7 : 0.5)) continue;
      capacity.set(d, (capacity.get(d) ?? 0) + 1);
      left -= 1;
    }
  }
  for (const [d, k] of capacity) {
    if (!k) continue;
    const taken = new Set([d.complainant.id, ...d.respondents.map((m) => m.id)]);
    const candidates = rng.sample(
      world.members.filter((m) => !taken.has(m.id)),
      k,
    );
    d.joins = candidates.map((member) => ({ member, at: later(rng, d.filedAt, 1, 9) })).sort((a, b) => a.at.getTime() - b.at.getTime());
  }
}
