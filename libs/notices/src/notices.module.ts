import { Module } from '@nestjs/common';
import { RegistryModule } from '@app/registry';
import { DocketNoticesService } from './notices/docket-notices.service';
import { NoticePreferencesService } from './notices/notice-preferences.service';
import { DocketEntryServiceResolver, NoticesResolver } from './notices/notices.resolver';
import { NoticesService } from './notices/notices.service';
import { MailBouncesResolver } from './mail/mail-bounces.resolver';
import { MailTransport, SmtpMailTransport } from './mail/mail-transport';
import { NoticeDelivery } from './mail/notice-delivery.service';
import { RemindersService } from './reminders/reminders.service';

const SERVICES = [NoticesService, NoticePreferencesService, DocketNoticesService, NoticeDelivery, RemindersService];

/** The notices' services (e-service, e-mail, reminders, webhooks, the live docket), for the API and the worker. */
@Module({
  imports: [RegistryModule],
  providers: [...SERVICES, { provide: MailTransport, useClass: SmtpMailTransport }],
  exports: [...SERVICES, MailTransport, RegistryModule],
})
export class NoticesModule {}

/** The notices' GraphQL and HTTP surface. */
@Module({
  imports: [NoticesModule],
  providers: [NoticesResolver, DocketEntryServiceResolver, MailBouncesResolver],
})
export class NoticesApiModule {}
