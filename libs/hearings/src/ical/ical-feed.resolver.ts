import { Mutation, Resolver } from '@nestjs/graphql';
import { Actor, CurrentUser } from '@app/core';
import { IcalFeedService } from './ical-feed.service';

@Resolver()
export class IcalFeedResolver {
  constructor(private readonly feeds: IcalFeedService) {}

  @Mutation(() => String, {
    description:
      'A new secret address of your iCalendar feed of the hearings you take part in (GET it, no sign-in needed); the previous one stops working. Any signed-in user',
  })
  calendarFeedUrl(@CurrentUser() actor: Actor): Promise<string> {
    return this.feeds.rotate(actor);
  }
}
