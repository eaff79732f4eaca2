/** DSU 14 (and the RCEP practice, docs/procedure.md §2): a report is approved by a majority of the seated panelists. */
export const majorityOf = (seats: number): number => Math.floor(seats / 2) + 1;

export type DeliberationState = 'APPROVED' | 'REJECTED' | 'PENDING';

export function deliberationState(seats: number, approvals: number, rejections: number): DeliberationState {
  const needed = majorityOf(seats);
  if (approvals >= needed) return 'APPROVED';
  // A majority can no longer be reached: the draft fails and the panel submits another.
  if (seats - rejections < needed) return 'REJECTED';
  return 'PENDING';
}
