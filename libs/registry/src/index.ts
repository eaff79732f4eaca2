// The public surface of @app/registry. Other libs import only from here.
import { BodyMeetingEntity } from './body-meetings/body-meeting.entity';
import { ClosedDayEntity } from './closed-days/closed-day.entity';
import { DeadlineEntity } from './deadlines/deadline.entity';
import { DisputePartyEntity } from './disputes/dispute-party.entity';
import { DisputeStagePeriodEntity } from './disputes/dispute-stage-period.entity';
import { DisputeEntity } from './disputes/dispute.entity';
import { DocketEntryEntity } from './docket/docket-entry.entity';
import { DocumentChunkEntity } from './documents/document-chunk.entity';
import { DocumentEntity } from './documents/document.entity';
import { DocumentUploadEntity } from './documents/document-upload.entity';
import { DocumentVersionEntity } from './documents/document-version.entity';
import { DisputeTranslationEntity } from './languages/dispute-translation.entity';
import { SummaryRequestEntity } from './documents/summary-request.entity';
import { PanelSeatEntity } from './panel-seats/panel-seat.entity';

export * from './registry.module';
export { DisputesService } from './disputes/disputes.service';
export { StageObservers, type StageChange, type StageObserver } from './disputes/stage-observers';
export { DocketObservers, UNSHARED_READS, type DocketObserver, type EntryReads } from './docket/docket-observers';
export {
  StepProviders,
  engineSteps,
  type AvailableStep,
  type AvailableSteps,
  type LaterStep,
  type StepProvider,
  type StepQuery,
} from './disputes/available-steps';
export {
  DeadlinesService,
  toDeadlineRow,
  type DeadlineToRemind,
  type EntryServed,
  type RecountedDeadline,
} from './deadlines/deadlines.service';
export { DocketService } from './docket/docket.service';
export { DocketEntry, toDocketEntry } from './docket/docket.type';
export {
  ADDENDUM_PARAMS,
  moveItem,
  renderDocketText,
  verbatim,
  type DocketMessage,
  type DocketOrgan,
  type DocketParam,
  type DocketParams,
} from './docket/docket-text';
export { DocumentsService, type StoredDocument } from './documents/documents.service';
export { DocumentVersionsService } from './documents/document-versions.service';
export { DisputeTranslationsService } from './languages/dispute-translations.service';
export { Document, toDocument } from './documents/document.type';
export { DocumentFileInput } from './documents/dto/document.input';
export { DocumentEntity, type Classification, type DocumentKind } from './documents/document.entity';
export { DocumentStorage } from './documents/document-storage';
export { UploadsService } from './documents/uploads.service';
export { S3DocumentStorage, type S3StorageOptions } from './documents/s3-document-storage';
export { canSeeDocument, type PolicyDispute, type PolicyDocument, type Viewer } from './documents/document-policy';
export { DocketEntryEntity } from './docket/docket-entry.entity';
export { PanelSeatsService, type ElectedSeat, type Seat } from './panel-seats/panel-seats.service';
export { toDispute } from './disputes/dispute.type';
export { ProcedureSweeper, type SweepResult } from './sweep/procedure-sweeper.service';
export { ClosedDaysService } from './closed-days/closed-days.service';
export { StatisticsService, type ProcedureStatistics } from './statistics/statistics.service';
export { directStatistics } from './statistics/direct-statistics';
export { BodyMeetingsService } from './body-meetings/body-meetings.service';
export { BodyMeetingEntity };
export { DisputeEntity, docketNumber } from './disputes/dispute.entity';
export {
  DisputePartyEntity,
  PANEL_THIRD_PARTY_SQL,
  THIRD_PARTY_SQL,
  isConsultationsThirdParty,
  isPanelThirdParty,
  isThirdParty,
  type ConsultationsStatus,
} from './disputes/dispute-party.entity';
export { DeadlineEntity } from './deadlines/deadline.entity';
export { Dispute } from './disputes/dispute.type';

/** The registry's tables, for the data source. */
export const REGISTRY_ENTITIES = [
  DisputeEntity,
  DisputePartyEntity,
  DisputeStagePeriodEntity,
  DocketEntryEntity,
  DeadlineEntity,
  ClosedDayEntity,
  DocumentEntity,
  DocumentChunkEntity,
  PanelSeatEntity,
  BodyMeetingEntity,
  SummaryRequestEntity,
  DisputeTranslationEntity,
  DocumentVersionEntity,
  DocumentUploadEntity,
];
export { REGISTRY_ERRORS, type RegistryErrorCode } from './registry.errors';
export { PeriodicReport } from './reputation/reputation.type';

export { defaultPeriod, periodAsOf, periodProblem, reportPeriod } from './reputation/reputation';
