import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, LocalDateScalar, graphqlEnum } from '@app/core';
import { HearingKindEnum } from '../dto/hearing.input';
import { formatLocal } from '../time';
import { TimetableStepKindEnum, TimetableStepStatusEnum } from '../timetable/timetable.input';
import type { TimetableStepKind } from '../timetable/appendix3';
import type { TimetableStepEntity, TimetableStepStatus } from '../timetable/timetable-step.entity';
import {
  HEARING_STATUSES,
  PARTICIPANT_KINDS,
  type HearingConsentEntity,
  type HearingEntity,
  type HearingKind,
  type HearingRoomEntity,
  type HearingStatus,
  type MemberUnavailabilityEntity,
  type ParticipantKind,
} from './hearing.entity';

export const HearingStatusEnum = graphqlEnum(HEARING_STATUSES, 'HearingStatus', 'Whether a hearing still takes place', {
  SCHEDULED: 'Planned (and possibly held: see its record)',
  CANCELLED: 'Called off, with a reason',
});
export const ParticipantKindEnum = graphqlEnum(
  PARTICIPANT_KINDS,
  'HearingParticipantKind',
  'PANELIST: a roster person; PARTY / THIRD_PARTY: a member; STAFF: a secretariat user',
  {
    PANELIST: 'A panelist seated on the dispute (a roster person)',
    PARTY: 'A party to the dispute (a member)',
    THIRD_PARTY: 'A third party to the dispute (a member)',
    STAFF: 'A secretariat user',
  },
);

@ObjectType({ description: 'A room the secretariat keeps for hearings' })
export class HearingRoom {
  @Field(() => ID, { description: "The room's id (UUID)" })
  id: string;

  @Field({ description: "The room's name" })
  name: string;

  @Field(() => String, { nullable: true, description: 'Where it is (building, address); null if not given' })
  location: string | null;
}

@ObjectType({ description: 'Someone who takes part in a hearing: the seated panel, the parties, third parties at their session, staff' })
export class HearingParticipant {
  @Field(() => ParticipantKindEnum, { description: 'In what capacity' })
  kind: ParticipantKind;

  @Field(() => ID, { description: 'The roster person, member or user' })
  refId: string;

  @Field({ description: "The panelist's, member's or user's name" })
  name: string;

  @Field(() => Boolean, { nullable: true, description: 'Whether they attended; null until recorded' })
  attended: boolean | null;
}

@ObjectType({ description: 'A party’s answer on public observation; the latest counts' })
export class ObservationConsent {
  @Field(() => ID, { description: 'The party (member id, UUID)' })
  memberId: string;

  @Field({ description: 'True: consents to public observation; false: withholds or withdrew it' })
  consent: boolean;

  @Field({ description: 'When the answer was recorded (UTC instant)' })
  recordedAt: Date;
}

@ObjectType({ description: 'A hearing of a dispute’s panel' })
export class Hearing {
  @Field(() => ID, { description: "The hearing's id (UUID)" })
  id: string;

  disputeId: string;
  roomId: string | null;

  @Field(() => HearingKindEnum, { description: 'Which meeting of the panel' })
  kind: HearingKind;

  @Field(() => HearingStatusEnum, { description: 'SCHEDULED or CANCELLED' })
  status: HearingStatus;

  @Field({ description: 'When it starts (UTC instant); localStart gives it in timeZone' })
  startsAt: Date;

  @Field({ description: 'When it ends (UTC instant); localEnd gives it in timeZone' })
  endsAt: Date;

  @Field({ description: 'The IANA zone it is shown in' })
  timeZone: string;

  @Field({ description: 'Local start in timeZone, ISO 8601 with offset' })
  localStart: string;

  @Field({ description: 'Local end in timeZone, ISO 8601 with offset' })
  localEnd: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The https:// link of a virtual or hybrid session, for its participants and the secretariat; null for others, or when in person only',
  })
  virtualLink: string | null;

  @Field({ description: 'Open to public observation (every party consented)' })
  publicObservation: boolean;

  @Field(() => Int, { description: 'Revision number, as the SEQUENCE of its calendar event' })
  sequence: number;

  @Field(() => String, { nullable: true, description: 'Why it was last rescheduled, or cancelled' })
  reason: string | null;
}

export function toHearing(e: HearingEntity, options: { showLink: boolean } = { showLink: true }): Hearing {
  return {
    id: e.id,
    disputeId: e.disputeId,
    roomId: e.roomId,
    kind: e.kind,
    status: e.status,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    timeZone: e.timeZone,
    localStart: formatLocal(e.startsAt, e.timeZone),
    localEnd: formatLocal(e.endsAt, e.timeZone),
    // The session link is for the participants; the public observes through the room.
    virtualLink: options.showLink ? e.virtualLink : null,
    publicObservation: e.publicObservation,
    sequence: e.sequence,
    reason: e.reason,
  };
}

@ObjectType({ description: 'A page of hearings, by start' })
export class HearingConnection extends Connection(Hearing) {}

export const toRoom = (r: HearingRoomEntity): HearingRoom => ({ id: r.id, name: r.name, location: r.location });
export const toConsent = (c: HearingConsentEntity): ObservationConsent => ({
  memberId: c.memberId,
  consent: c.consent,
  recordedAt: c.recordedAt,
});

@ObjectType({ description: 'A day a member’s delegation cannot attend hearings' })
export class Unavailability {
  @Field(() => ID, { description: "The declaration's id (UUID): pass it to withdrawUnavailability" })
  id: string;

  @Field(() => LocalDateScalar, { description: 'The day (ISO date), meant in timeZone' })
  day: string;

  @Field({ description: 'The IANA zone the day is meant in' })
  timeZone: string;

  @Field({ description: 'Why the delegation cannot attend' })
  reason: string;
}

export const toUnavailability = (u: MemberUnavailabilityEntity): Unavailability => ({
  id: u.id,
  day: u.day,
  timeZone: u.timeZone,
  reason: u.reason,
});

@ObjectType({ description: 'A dated step of a panel timetable (Appendix 3 ¶12)' })
export class TimetableStep {
  @Field(() => ID, { nullable: true, description: 'Null in a proposal' })
  id: string | null;

  @Field(() => TimetableStepKindEnum, { description: 'Which step of Appendix 3 ¶12' })
  kind: TimetableStepKind;

  @Field(() => LocalDateScalar, { description: "The day it is due (ISO date, the body's time zone)" })
  dueDate: string;

  @Field(() => TimetableStepStatusEnum, {
    nullable: true,
    description: 'The status of its deadline (OPEN, MET, MISSED, EXTENDED, LAPSED, SUPERSEDED); null in a proposal',
  })
  status: TimetableStepStatus | null;

  @Field(() => String, {
    nullable: true,
    description: 'In a proposal: the paragraph of Appendix 3 that sets the step, e.g. "¶12(a)"; null once adopted',
  })
  paragraph: string | null;
}

export const toTimetableStep = (s: TimetableStepEntity & { status: TimetableStepStatus }): TimetableStep => ({
  id: s.id,
  kind: s.kind,
  dueDate: s.dueDate,
  status: s.status,
  paragraph: null,
});
