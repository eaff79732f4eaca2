import { Module } from '@nestjs/common';
import { RegistryModule } from '@app/registry';
import { MailBouncesResolver } from './mail/mail-bounces.resolver';
import { MailTransport, SmtpMailTransport } from './mail/mail-transport';
import { NoticeDelivery } from './mail/notice-delivery.service';
import { RemindersService } from './reminders/reminders.service';

const SERVICES = [NoticeDelivery, RemindersService];

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
  providers: [MailBouncesResolver],
})
export class NoticesApiModule {}
