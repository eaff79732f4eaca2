import { Module } from '@nestjs/common';
import { RegistryModule } from '@app/registry';
import { DocketFeedsController } from './feeds/docket-feeds.controller';
import { DocketFeedsService } from './feeds/docket-feeds.service';
import { LiveDocketHub } from './live/live-docket.hub';
import { LiveDocketListener } from './live/live-docket.listener';
import { LiveDocketNotifier } from './live/live-docket.notifier';
import { LiveDocketResolver } from './live/live-docket.resolver';

const SERVICES = [LiveDocketNotifier];

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
  controllers: [DocketFeedsController],
  // The live docket listens in API processes only: the worker has no subscribers.
  providers: [LiveDocketHub, LiveDocketListener, LiveDocketResolver, DocketFeedsService],
})
export class NoticesApiModule {}
