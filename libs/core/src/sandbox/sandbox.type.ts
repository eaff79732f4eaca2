import { ArgsType, Field, ObjectType } from '@nestjs/graphql';
import { IsInstant } from '../graphql/instant';

@ObjectType({ description: 'The mark of a training sandbox (README, "Training sandbox"): nothing in it is a real case' })
export class SandboxInfo {
  @Field({ description: "The sandbox's time now (UTC instant): real time moved forward by the secretariat's advanceClock" })
  instant: Date;

  @Field({ description: 'The line to show on every screen of a sandbox' })
  banner: string;
}

@ArgsType()
export class AdvanceClockArgs {
  @Field({ description: "The instant to move the sandbox's clock to: later than its time now (it never goes back)" })
  @IsInstant()
  to: Date;
}
