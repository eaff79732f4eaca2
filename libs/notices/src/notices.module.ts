import { Module } from '@nestjs/common';
import { RegistryModule } from '@app/registry';
import { WebhookDelivery } from './webhooks/webhook-delivery.service';
import { WebhooksResolver } from './webhooks/webhooks.resolver';
import { WebhooksService } from './webhooks/webhooks.service';

const SERVICES = [WebhooksService, WebhookDelivery];

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
  providers: [WebhooksResolver],
})
export class NoticesApiModule {}
