import { Module } from '@nestjs/common';
import { CalendarResolver } from './calendar/calendar.resolver';
import { CalendarService } from './calendar/calendar.service';
import { DeadlineFieldsResolver } from './deadlines/deadline-fields.resolver';
import { DeadlinesService } from './deadlines/deadlines.service';
import { DisputeFieldsResolver } from './disputes/dispute-fields.resolver';
import { DisputesResolver } from './disputes/disputes.resolver';
import { DisputesService } from './disputes/disputes.service';
import { DocketService } from './docket/docket.service';

const SERVICES = [CalendarService, DeadlinesService, DisputesService, DocketService];

/** The registry's services, for the API and the worker. */
@Module({ providers: SERVICES, exports: SERVICES })
export class RegistryModule {}

/** The registry's GraphQL surface. */
@Module({
  imports: [RegistryModule],
  providers: [DisputesResolver, DisputeFieldsResolver, DeadlineFieldsResolver, CalendarResolver],
})
export class RegistryApiModule {}
