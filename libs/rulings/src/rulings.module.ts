import { Module } from '@nestjs/common';
import { RegistryModule } from '@app/registry';
import { AdoptionService } from './adoption/adoption.service';
import { AppealsService } from './appeals/appeals.service';
import { DeliberationAuditRedactor } from './reports/deliberation-audit-redactor';
import { ReportViewService } from './reports/report-view.service';
import { ReportsService } from './reports/reports.service';
import { ReportsFeedController } from './reports/reports-feed.controller';
import { DisputeReportResolver, RulingsResolver } from './rulings.resolver';
import { RulingsSteps } from './rulings.steps';
import { RulingsSupport } from './support';

const SERVICES = [RulingsSupport, ReportsService, AdoptionService, AppealsService, ReportViewService, RulingsSteps];

/** The rulings' services (reports, deliberation, adoption, appeal), for the API and the worker. */
@Module({
  imports: [RegistryModule],
  providers: [...SERVICES],
  exports: [...SERVICES, RegistryModule],
})
export class RulingsModule {}

/** The rulings' GraphQL surface. */
@Module({
  imports: [RulingsModule],
  controllers: [ReportsFeedController],
  providers: [RulingsResolver, DisputeReportResolver, DeliberationAuditRedactor],
})
export class RulingsApiModule {}
