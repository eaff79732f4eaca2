// Who may be elected to one dispute's panel, and why the others may not. Pure: no Nest, no
// TypeORM; the EligibilityService loads the facts and the elections count only the eligible.

export type PersonId = string;

export const EXCLUSION_CODES = [
  'NOT_APPROVED',
  'NATIONAL_OF_PARTY',
  'NATIONAL_OF_THIRD_PARTY',
  'OPEN_CONFLICT',
  'UNAVAILABLE',
  'SUCCESSFULLY_CHALLENGED',
] as const;
export type ExclusionCode = (typeof EXCLUSION_CODES)[number];

export interface ExclusionReason {
  code: ExclusionCode;
  /** For people: "national of PAK, a party". */
  detail: string;
  /** The member concerned (the party of the person's nationality, the challenger), if any. */
  memberCode?: string;
}

export interface EligibilityInput {
  /** Every member in the dispute with its place; nationality is compared with `code`. */
  parties: readonly { memberId: string; code: string; kind: 'COMPLAINANT' | 'RESPONDENT' | 'THIRD_PARTY' }[];
  /** The persons to consider, in the order the result lists them. */
  persons: readonly { id: PersonId; nationality: string; status: string; available: boolean }[];
  /** The parties' consents to nationals, in this dispute (DSU 8.3). */
  consents: readonly { personId: PersonId; memberId: string }[];
  /** Disclosures touching this dispute. */
  disclosures: readonly { personId: PersonId; status: 'OPEN' | 'CLEARED' | 'UPHELD' }[];
  /** Challenges in this dispute, with the challenging member's code. */
  challenges: readonly { personId: PersonId; status: 'PENDING' | 'UPHELD' | 'DISMISSED'; byMemberCode: string }[];
}

export interface EligibilityResult {
  eligible: PersonId[];
  excluded: { personId: PersonId; reasons: ExclusionReason[] }[];
}

/**
 * Every reason that keeps each person off this dispute's panel; a person with none is eligible.
 * All reasons are listed, not only the first, so the report explains the whole position.
 */
export function evaluateEligibility(input: EligibilityInput): EligibilityResult {
  // DSU 8.3: "the parties to the dispute" agree; third parties are not asked.
  const parties = input.parties.filter((p) => p.kind !== 'THIRD_PARTY');
  const result: EligibilityResult = { eligible: [], excluded: [] };

  for (const person of input.persons) {
    const reasons: ExclusionReason[] = [];
    // DSU 8.4: panelists are drawn from the approved indicative list.
    if (person.status !== 'APPROVED') {
      reasons.push({ code: 'NOT_APPROVED', detail: `not on the roster (${person.status.toLowerCase()})` });
    }

    // DSU 8.3: no national of a party or third party, unless every party agrees.
    const consenting = new Set(input.consents.filter((c) => c.personId === person.id).map((c) => c.memberId));
    const pending = parties.filter((p) => !consenting.has(p.memberId));
    if (pending.length > 0) {
      const nationality = person.nationality.toUpperCase();
      for (const member of input.parties.filter((p) => p.code.toUpperCase() === nationality)) {
        const third = member.kind === 'THIRD_PARTY';
        const waitingFor = consenting.size ? `; consent still needed from ${pending.map((p) => p.code).join(', ')}` : '';
        reasons.push({
          code: third ? 'NATIONAL_OF_THIRD_PARTY' : 'NATIONAL_OF_PARTY',
          detail: `national of ${member.code}, a ${third ? 'third party' : 'party'}${waitingFor}`,
          memberCode: member.code,
        });
      }
    }

    // Rules of Conduct VI: a disclosure awaiting decision, or a conflict confirmed, keeps the
    // person off this dispute; a cleared one does not.
    const conflicts = input.disclosures.filter((d) => d.personId === person.id && d.status !== 'CLEARED');
    if (conflicts.some((d) => d.status === 'UPHELD')) {
      reasons.push({ code: 'OPEN_CONFLICT', detail: 'a conflict of interest in this dispute was confirmed' });
    } else if (conflicts.length > 0) {
      reasons.push({ code: 'OPEN_CONFLICT', detail: 'a disclosure touching this dispute awaits decision' });
    }

    if (!person.available) reasons.push({ code: 'UNAVAILABLE', detail: 'not available to serve' });

    // DSU 8.6: a challenge for compelling reasons, once upheld, excludes the person here.
    for (const challenge of input.challenges.filter((c) => c.personId === person.id && c.status === 'UPHELD')) {
      reasons.push({
        code: 'SUCCESSFULLY_CHALLENGED',
        detail: `challenge by ${challenge.byMemberCode} upheld`,
        memberCode: challenge.byMemberCode,
      });
    }

    if (reasons.length === 0) result.eligible.push(person.id);
    else result.excluded.push({ personId: person.id, reasons });
  }
  return result;
}
