// The public surface of @app/hearings. Other libs import only from here.
import { IcalFeedTokenEntity } from './ical/ical-feed-token.entity';
import {
  HearingBookingEntity,
  HearingConsentEntity,
  HearingEntity,
  HearingParticipantEntity,
  HearingRoomEntity,
  MemberUnavailabilityEntity,
} from './hearings/hearing.entity';
import { HearingRecordEntity } from './hearings/hearing-record.entity';
import { TimetableStepEntity } from './timetable/timetable-step.entity';

export * from './hearings.module';
export { HearingEntity, HEARING_KINDS, type HearingKind } from './hearings/hearing.entity';
export { HearingsService } from './hearings/hearings.service';
export { HearingRemindersService } from './hearings/hearing-reminders.service';
export { ParticipationService } from './hearings/participation.service';
export { TimetableService } from './timetable/timetable.service';
export { TimetableStepEntity } from './timetable/timetable-step.entity';
export { TIMETABLE_STEP_KINDS, proposeTimetable, type TimetableStepKind } from './timetable/appendix3';
export { buildCalendar, foldLine, type CalendarEvent } from './ical/ical';
export { formatLocal, isTimeZone, startOfLocalDay } from './time';

/** The hearings' tables, for the data source. */
export const HEARINGS_ENTITIES = [
  HearingRoomEntity,
  HearingEntity,
  HearingParticipantEntity,
  MemberUnavailabilityEntity,
  HearingBookingEntity,
  HearingConsentEntity,
  IcalFeedTokenEntity,
  TimetableStepEntity,
  HearingRecordEntity,
];
export { HEARINGS_ERRORS, type HearingsErrorCode } from './hearings.errors';
