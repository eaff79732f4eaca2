import { Field, ObjectType } from '@nestjs/graphql';
import { Member, graphqlEnum, toMember } from '@app/core';
import { RosterPerson, toRosterPerson } from '../roster/roster.type';
import type { WaiverState } from './consents.service';
import { EXCLUSION_CODES, type ExclusionCode, type ExclusionReason } from './eligibility';
import type { EligibilityReportData } from './eligibility.service';

export const ExclusionCodeEnum = graphqlEnum(EXCLUSION_CODES, 'ExclusionCode', 'Why a roster person may not sit on a panel', {
  NOT_APPROVED: 'Not an approved member of the roster (nominated, rejected or removed)',
  NATIONAL_OF_PARTY: 'A national of a party, and the parties did not agree otherwise (DSU 8.3)',
  NATIONAL_OF_THIRD_PARTY: 'A national of a third party, and the parties did not agree otherwise (DSU 8.3)',
  OPEN_CONFLICT: 'A disclosure touching the dispute is upheld or awaits decision (Rules of Conduct)',
  UNAVAILABLE: 'Declared unavailable for the period',
  SUCCESSFULLY_CHALLENGED: "A party's challenge for cause was upheld (DSU 8.6)",
});

@ObjectType('ExclusionReason', { description: 'One reason a person may not sit on this panel' })
export class ExclusionReasonType {
  @Field(() => ExclusionCodeEnum, { description: 'Which rule excludes the person' })
  code: ExclusionCode;

  @Field({ description: 'e.g. "national of PAK, a party"' })
  detail: string;

  @Field(() => String, { nullable: true, description: 'The member concerned (nationality, challenger), by code' })
  memberCode: string | null;
}

@ObjectType({ description: 'A roster person who may not sit on this panel, with every reason' })
export class ExcludedCandidate {
  @Field(() => RosterPerson, { description: 'The roster person excluded' })
  person: RosterPerson;

  @Field(() => [ExclusionReasonType], { description: 'Every reason that excludes them' })
  reasons: ExclusionReasonType[];
}

@ObjectType({ description: "Who may sit on a dispute's panel, and why the others may not (DSU 8.3, 8.6; Rules of Conduct)" })
export class EligibilityReport {
  @Field(() => [RosterPerson], { description: 'Approved, available persons no rule excludes: the candidates of the election' })
  eligible: RosterPerson[];

  @Field(() => [ExcludedCandidate], { description: 'The other roster persons, each with every reason' })
  excluded: ExcludedCandidate[];
}

@ObjectType({ description: 'Where the parties stand on a national serving (DSU 8.3)' })
export class NationalityWaiver {
  @Field(() => RosterPerson, { description: 'The national of a party or third party' })
  person: RosterPerson;

  @Field(() => [Member], { description: 'The parties that agreed' })
  consentedBy: Member[];

  @Field(() => [Member], { description: 'The parties that have not agreed yet' })
  pendingFrom: Member[];

  @Field({ description: 'True once every party agreed: nationality no longer excludes the person' })
  waived: boolean;
}

const toReason = (reason: ExclusionReason): ExclusionReasonType => ({
  code: reason.code,
  detail: reason.detail,
  memberCode: reason.memberCode ?? null,
});

export function toEligibilityReport({ result, persons }: EligibilityReportData): EligibilityReport {
  const person = (id: string) => toRosterPerson(persons.get(id) as NonNullable<ReturnType<typeof persons.get>>);
  return {
    eligible: result.eligible.map(person),
    excluded: result.excluded.map((e) => ({ person: person(e.personId), reasons: e.reasons.map(toReason) })),
  };
}

export function toNationalityWaiver(state: WaiverState): NationalityWaiver {
  return {
    person: toRosterPerson(state.person),
    consentedBy: state.consented.map(toMember),
    pendingFrom: state.pending.map(toMember),
    waived: state.pending.length === 0,
  };
}
