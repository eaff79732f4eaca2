import { Module } from '@nestjs/common';
import { RegistryModule } from '@app/registry';
import { DocketEntryServiceResolver, NoticesResolver } from './notices/notices.resolver';
import { DocketFeedsController } from './feeds/docket-feeds.controller';
import { DocketFeedsService } from './feeds/docket-feeds.service';
import { DocketNoticesService } from './notices/docket-notices.service';
import { LiveDocketHub } from './live/live-docket.hub';
import { LiveDocketListener } from './live/live-docket.listener';
import { LiveDocketNotifier } from './live/live-docket.notifier';
import { LiveDocketResolver } from './live/live-docket.resolver';
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
  LiveDocketNotifier,
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
  controllers: [DocketFeedsController],
  // The live docket listens in API processes only: the worker has no subscribers.
  providers: [
    NoticesResolver,
    DocketEntryServiceResolver,
    MailBouncesResolver,
    WebhooksResolver,
    LiveDocketHub,
    LiveDocketListener,
    LiveDocketResolver,
    DocketFeedsService,
  ],
})
export class NoticesApiModule {}
