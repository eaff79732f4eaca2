import { Mutation, Resolver } from '@nestjs/graphql';
import { Actor, CurrentUser } from '@app/core';
import { CalendarFeedService } from './calendar-feed.service';

@Resolver()
export class CalendarFeedResolver {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Mutation(() => String, { description: 'A new secret address of your iCalendar feed (GET it); the previous one stops working' })
  calendarFeedUrl(@CurrentUser() actor: Actor): Promise<string> {
    return this.feeds.rotate(actor);
  }
}
