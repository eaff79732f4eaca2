import { Module } from '@nestjs/common';
import { RegistryModule } from '@app/registry';

const SERVICES: never[] = [];

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
  providers: [],
})
export class NoticesApiModule {}
