import { Args, ArgsType, Field, Int, Mutation, Resolver } from '@nestjs/graphql';
import { Actor, CurrentUser, Roles } from '@app/core';
import { IsString } from 'class-validator';
import { NoticeDelivery } from './notice-delivery.service';

@ArgsType()
export class RecordMailBounceArgs {
  @Field({ description: 'The Message-ID of the mail that bounced, with its angle brackets, as the bounce quotes it: <notice-id@host>' })
  @IsString({ message: 'messageId must be a Message-ID' })
  messageId: string;

  @Field({ description: 'What the bounce says, e.g. "550 5.1.1 mailbox unavailable" (1 to 1000 characters)' })
  @IsString({ message: 'reason must be text' })
  reason: string;
}

@Resolver()
export class MailBouncesResolver {
  constructor(private readonly delivery: NoticeDelivery) {}

  @Roles('SECRETARIAT')
  @Mutation(() => Int, {
    description:
      'Records that a mail the server had accepted bounced later (a delivery status notification): its notices are marked failed ' +
      'with the reason and no longer count as served by e-mail. Answers how many notices were marked (0 if they already were). ' +
      'Secretariat only',
  })
  async recordMailBounce(@CurrentUser() actor: Actor, @Args() { messageId, reason }: RecordMailBounceArgs): Promise<number> {
    return (await this.delivery.recordBounce(actor, messageId, reason)).length;
  }
}
