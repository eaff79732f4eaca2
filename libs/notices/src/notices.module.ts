import { Module } from '@nestjs/common';
import { RegistryModule } from '@app/registry';
import { DocketEntryServiceResolver, NoticesResolver } from './notices/notices.resolver';
import { DocketNoticesService } from './notices/docket-notices.service';
import { MailBouncesResolver } from './mail/mail-bounces.resolver';
import { MailTransport, SmtpMailTransport } from './mail/mail-transport';
import { NoticeDelivery } from './mail/notice-delivery.service';
import { NoticePreferencesService } from './notices/notice-preferences.service';
import { NoticesService } from './notices/notices.service';
import { RemindersService } from './reminders/reminders.service';
import { WebhookDelivery } from './webhooks/webhook-delivery.service';
import { WebhooksResolver } from './webhooks/webhooks.resolver';
import { WebhooksService } from './webhooks/webhooks.service';

const SERVICES = [
  NoticesService,
  NoticePreferencesService,
  DocketNoticesService,
  NoticeDelivery,
  RemindersService,
  WebhooksService,
  WebhookDelivery,
];

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
  providers: [NoticesResolver, DocketEntryServiceResolver, MailBouncesResolver, WebhooksResolver],
})
export class NoticesApiModule {}
