import { HearingsSteps } from './hearings.steps';
import { Module } from '@nestjs/common';
import { NoticesModule } from '@app/notices';
import { PanelsModule } from '@app/panels';
import { CalendarFeedResolver } from './calendar/calendar-feed.resolver';
import { CalendarFeedService } from './calendar/calendar-feed.service';
import { CalendarController } from './calendar/calendar.controller';
import { HearingsFeedController } from './calendar/hearings-feed.controller';
import { BookingsService } from './hearings/bookings.service';
import { HearingRemindersService } from './hearings/hearing-reminders.service';
import { HearingsQueryService } from './hearings/hearings-query.service';
import { HearingsResolver } from './hearings/hearings.resolver';
import { HearingsService } from './hearings/hearings.service';
import { ParticipationService } from './hearings/participation.service';
import { DisputeTimetableResolver, TimetableResolver } from './timetable/timetable.resolver';
import { TimetableService } from './timetable/timetable.service';

const SERVICES = [
  BookingsService,
  HearingsService,
  ParticipationService,
  HearingsQueryService,
  CalendarFeedService,
  TimetableService,
  HearingsSteps,
  HearingRemindersService,
];

/** The hearings' services, for the API and the worker. Their notices are the notices lib's. */
@Module({
  imports: [PanelsModule, NoticesModule],
  providers: [...SERVICES],
  exports: [...SERVICES, PanelsModule],
})
export class HearingsModule {}

/** The hearings' GraphQL and HTTP surface. */
@Module({
  imports: [HearingsModule],
  controllers: [CalendarController, HearingsFeedController],
  providers: [HearingsResolver, TimetableResolver, DisputeTimetableResolver, CalendarFeedResolver],
})
export class HearingsApiModule {}
