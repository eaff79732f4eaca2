// The docket's texts that the simulation writes itself (the engine writes those of its acts), and
// the secretariat's corrections.
import { DEADLINE_RULES, type DeadlineRuleCode } from '@app/procedure';
import type { Rng } from './random';
import { DAY } from './clock';
import type { Dispute } from './disputes';
import type { Member } from './members';
import type { World } from './world';

export function requestText(d: Dispute): string {
  const against = d.respondents.map((m) => m.name).join(', ');
  return `${d.complainant.name} requested consultations with ${against}${d.urgent ? ' (urgent: DSU 4.8)' : ''}: ${d.title}.`;
}

export const joinText = (member: Member) => `${member.name} asked to join the consultations (DSU 4.11).`;

export const acceptText = (d: Dispute, member: Member) =>
  `${d.respondents[0].name} accepted ${member.name}'s request to join the consultations (DSU 4.11).`;

/** Appended to a decision of the body: where it was taken (DSU 2.4, 6.1). */
export const meetingText = (m: { heldOn: string; present: number | null; members: number }) =>
  `Meeting of the body of ${m.heldOn}, ${m.present} of ${m.members} members present; recorded by the secretariat.`;

/** The worker's entry when a time limit runs out (ProcedureSweeper). */
export function expiryText(code: DeadlineRuleCode, status: string): string {
  const rule = DEADLINE_RULES[code];
  return status === 'MISSED'
    ? `The time limit ${code} (${rule.article}) ran out without the act it awaited: ${rule.description}`
    : `The period ${code} (${rule.article}) has run: ${rule.description}`;
}

export const timetableStepText = (rule: DeadlineRuleCode, dueDate: string) =>
  `Timetable step ${rule.replace(/^TIMETABLE_/, '')} (due ${dueDate}) was completed.`;

/** The secretariat's corrections of docket entries: the few that bring the docket to its size. */
export function addCorrections(rng: Rng, world: World, disputes: Dispute[], n: number): void {
  for (let i = 0; i < n; i++) {
    const d = rng.pick(disputes);
    const target = rng.pick(d.events);
    const at = new Date(Math.min(world.asOf.getTime() - 60_000, target.at.getTime() + rng.int(1, 20) * DAY));
    if (at.getTime() <= target.at.getTime()) {
      i -= 1;
      continue;
    }
    target.id ??= rng.uuid();
    d.events.push({
      at,
      order: d.events.length,
      kind: 'correction',
      actorRole: 'SECRETARIAT',
      actorId: rng.pick(world.secretariat),
      text: `Correction of an entry: the date of ${target.kind} was recorded in the wrong time zone; it is ${target.at.toISOString()}.`,
      documentIds: [],
      correctsId: target.id,
    });
  }
}
