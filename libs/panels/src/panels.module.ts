import { Module } from '@nestjs/common';
import { RegistryModule } from '@app/registry';
import { ChallengesResolver } from './challenges/challenges.resolver';
import { ChallengesService } from './challenges/challenges.service';
import { DisclosuresResolver } from './disclosures/disclosures.resolver';
import { DisclosuresService } from './disclosures/disclosures.service';
import { ConsentsService } from './eligibility/consents.service';
import { EligibilityResolver } from './eligibility/eligibility.resolver';
import { EligibilityService } from './eligibility/eligibility.service';
import { RosterController } from './roster/roster.controller';
import { NominationsResolver, RosterResolver } from './roster/roster.resolver';
import { RosterService } from './roster/roster.service';
import { BallotKeys } from './elections/ballot-keys';
import { ElectionClosingService } from './elections/election-closing.service';
import { DisputePanelResolver, ElectionsResolver } from './elections/elections.resolver';
import { PeriodElectionsResolver } from './elections/period-elections.resolver';
import { ElectionsService } from './elections/elections.service';
import { PanelService } from './elections/panel.service';
import { PanelsSteps } from './panels.steps';

const SERVICES = [
  RosterService,
  DisclosuresService,
  ConsentsService,
  ChallengesService,
  EligibilityService,
  BallotKeys,
  ElectionsService,
  ElectionClosingService,
  PanelService,
  PanelsSteps,
];

/** The panels' services (roster, disclosures, consents, challenges, eligibility), for the API and the worker. */
@Module({
  imports: [RegistryModule],
  providers: [...SERVICES],
  exports: [...SERVICES, RegistryModule],
})
export class PanelsModule {}

/** The panels' GraphQL and HTTP surface. */
@Module({
  imports: [PanelsModule],
  controllers: [RosterController],
  providers: [
    RosterResolver,
    NominationsResolver,
    DisclosuresResolver,
    ChallengesResolver,
    EligibilityResolver,
    ElectionsResolver,
    DisputePanelResolver,
    PeriodElectionsResolver,
  ],
})
export class PanelsApiModule {}
