import { HearingsSteps } from './hearings.steps';
import { Module } from '@nestjs/common';
import { PanelsModule } from '@app/panels';
import { CalendarFeedResolver } from './calendar/calendar-feed.resolver';
import { CalendarFeedService } from './calendar/calendar-feed.service';
import { CalendarController } from './calendar/calendar.controller';
import { HearingsFeedController } from './calendar/hearings-feed.controller';
import { BookingsService } from './hearings/bookings.service';
import { HearingsQueryService } from './hearings/hearings-query.service';
import { HearingsResolver } from './hearings/hearings.resolver';
import { HearingsService } from './hearings/hearings.service';
import { ParticipationService } from './hearings/participation.service';
import { LogNoticeChannel, NoticeChannel } from './notices/notice-channel';
import { NoticesService } from './notices/notices.service';
import { DisputeTimetableResolver, TimetableResolver } from './timetable/timetable.resolver';
import { TimetableService } from './timetable/timetable.service';

const SERVICES = [
  BookingsService,
  HearingsService,
  ParticipationService,
  HearingsQueryService,
  CalendarFeedService,
  NoticesService,
  TimetableService,
  HearingsSteps,
];

/** The hearings' services, for the API and the worker. The notice channel is a log unless replaced. */
@Module({
  imports: [PanelsModule],
  providers: [...SERVICES, { provide: NoticeChannel, useClass: LogNoticeChannel }],
  exports: [...SERVICES, NoticeChannel, PanelsModule],
})
export class HearingsModule {}

/** The hearings' GraphQL and HTTP surface. */
@Module({
  imports: [HearingsModule],
  controllers: [CalendarController, HearingsFeedController],
  providers: [HearingsResolver, TimetableResolver, DisputeTimetableResolver, CalendarFeedResolver],
})
export class HearingsApiModule {}
