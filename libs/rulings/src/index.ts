// The public surface of @app/rulings. Other libs import only from here.
import { AdoptionMeetingEntity, AdoptionObjectionEntity } from './adoption/adoption.entity';
import { AppealEntity, AppellateMemberEntity, AppellateOutcomeEntity } from './appeals/appeal.entity';
import { FindingEntity, ReportCommentEntity, ReportEntity, ReportVoteEntity, SeparateOpinionEntity } from './reports/report.entity';

export * from './rulings.module';
export { drawDivision } from './appeals/draw';

/** The rulings' tables, for the data source. */
export const RULINGS_ENTITIES = [
  ReportEntity,
  FindingEntity,
  ReportVoteEntity,
  SeparateOpinionEntity,
  ReportCommentEntity,
  AdoptionObjectionEntity,
  AdoptionMeetingEntity,
  AppellateMemberEntity,
  AppealEntity,
  AppellateOutcomeEntity,
];
export { RULINGS_ERRORS, type RulingsErrorCode } from './rulings.errors';
