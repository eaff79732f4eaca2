import type { IsoDate } from './dates';

/**
 * Why an action is refused:
 * - `INVALID_TRANSITION`: not possible at this stage, or a precondition other than time is not met.
 * - `FORBIDDEN`: this actor may not take it.
 * - `NOT_YET_ALLOWED`: a period must run first; `allowedFrom` gives the date when it is known.
 * - `DEADLINE_PASSED`: the period for it has ended.
 */
export const REFUSAL_CODES = ['INVALID_TRANSITION', 'FORBIDDEN', 'NOT_YET_ALLOWED', 'DEADLINE_PASSED'] as const;

/** One of {@link REFUSAL_CODES}. */
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** A refused action, with a message a delegate can act on (naming the rule and article). */
export interface Refusal {
  readonly allowed: false;
  readonly code: RefusalCode;
  readonly message: string;
  /** For `NOT_YET_ALLOWED`: the first day the action becomes allowed, when a date decides it. */
  readonly allowedFrom?: IsoDate;
}

/** Builds a {@link Refusal}. */
export function refuse(code: RefusalCode, message: string, allowedFrom?: IsoDate): Refusal {
  return allowedFrom === undefined ? { allowed: false, code, message } : { allowed: false, code, message, allowedFrom };
}
