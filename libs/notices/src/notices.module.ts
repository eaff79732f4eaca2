import { Module } from '@nestjs/common';
import { RegistryModule } from '@app/registry';
import { DocketNoticesService } from './notices/docket-notices.service';
import { NoticePreferencesService } from './notices/notice-preferences.service';
import { DocketEntryServiceResolver, NoticesResolver } from './notices/notices.resolver';
import { NoticesService } from './notices/notices.service';

const SERVICES = [NoticesService, NoticePreferencesService, DocketNoticesService];

/** The notices' services (e-service, e-mail, reminders, webhooks, the live docket), for the API and the worker. */
@Module({
  imports: [RegistryModule],
  providers: [...SERVICES],
  exports: [...SERVICES, RegistryModule],
})
export class NoticesModule {}

/** The notices' GraphQL and HTTP surface. */
@Module({
  imports: [NoticesModule],
  providers: [NoticesResolver, DocketEntryServiceResolver],
})
export class NoticesApiModule {}
