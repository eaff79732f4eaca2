import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '@app/core';
import { StatisticsService } from './statistics.service';
import { Statistics, toStatistics } from './statistics.type';

@Resolver(() => Statistics)
export class StatisticsResolver {
  constructor(private readonly service: StatisticsService) {}

  // The body's authority rests on periodic reporting of its own performance: anyone may read it,
  // as they may read the docket the figures come from (DSU 4.4).
  @Public()
  @Query(() => Statistics, {
    description: "Disputes per stage, and the time spent in each stage against its limit: the body's report on its own performance. Public",
  })
  async statistics(): Promise<Statistics> {
    return toStatistics(await this.service.statistics());
  }
}
