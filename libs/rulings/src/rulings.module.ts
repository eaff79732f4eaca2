import { Module } from '@nestjs/common';
import { PanelsModule } from '@app/panels';
import { RegistryModule } from '@app/registry';
import { AdoptionService } from './adoption/adoption.service';
import { AppealsService } from './appeals/appeals.service';
import { DeliberationAuditRedactor } from './reports/deliberation-audit-redactor';
import { ReportViewService } from './reports/report-view.service';
import { ReportsService } from './reports/reports.service';
import { DisputeReportResolver, RulingsResolver } from './rulings.resolver';
import { RulingsSteps } from './rulings.steps';
import { RulingsSupport } from './support';

const SERVICES = [RulingsSupport, ReportsService, AdoptionService, AppealsService, ReportViewService, RulingsSteps];

/** The rulings' services (reports, deliberation, adoption, appeal), for the API and the worker. */
@Module({
  // Panels for the panelists' names on the deliberation's votes (the roster is the panels lib's).
  imports: [RegistryModule, PanelsModule],
  providers: [...SERVICES],
  exports: [...SERVICES, RegistryModule],
})
export class RulingsModule {}

/** The rulings' GraphQL surface. */
@Module({
  imports: [RulingsModule],
  providers: [RulingsResolver, DisputeReportResolver, DeliberationAuditRedactor],
})
export class RulingsApiModule {}
