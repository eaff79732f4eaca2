import { Module } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { DataSource } from 'typeorm';
import { BodyMeetingsResolver } from './body-meetings/body-meetings.resolver';
import { BodyMeetingsService } from './body-meetings/body-meetings.service';
import { ClosedDaysResolver } from './closed-days/closed-days.resolver';
import { ClosedDaysService } from './closed-days/closed-days.service';
import { DeadlineFieldsResolver } from './deadlines/deadline-fields.resolver';
import { DeadlinesService } from './deadlines/deadlines.service';
import { DisputeFieldsResolver } from './disputes/dispute-fields.resolver';
import { DisputesResolver } from './disputes/disputes.resolver';
import { DisputesService } from './disputes/disputes.service';
import { StageObservers } from './disputes/stage-observers';
import { StepProviders } from './disputes/available-steps';
import { DocketResolver } from './docket/docket.resolver';
import { DocketService } from './docket/docket.service';
import { DocketObservers } from './docket/docket-observers';
import { DocumentStorage, PostgresDocumentStorage } from './documents/document-storage';
import { S3DocumentStorage } from './documents/s3-document-storage';
import { DocumentsController } from './documents/documents.controller';
import { UploadsController } from './documents/uploads.controller';
import { UploadsService } from './documents/uploads.service';
import { DisputeDocumentsResolver, DocketEntryDocumentsResolver, DocumentsResolver } from './documents/documents.resolver';
import { DocumentAuditRedactor } from './documents/document-audit-redactor';
import { DocumentsService } from './documents/documents.service';
import { SummaryRequestsService } from './documents/summary-requests.service';
import { DocumentVersionsService } from './documents/document-versions.service';
import { DisputeTranslationsService } from './languages/dispute-translations.service';
import { DisputeLanguagesResolver, DocumentLanguagesResolver } from './languages/languages.resolver';
import { PanelSeatsService } from './panel-seats/panel-seats.service';
import { ProcedureSweeper } from './sweep/procedure-sweeper.service';
import { StatisticsResolver } from './statistics/statistics.resolver';
import { StatisticsService } from './statistics/statistics.service';
import {
  ComplianceRecordTitleResolver,
  MemberDisputeTitleResolver,
  OutstandingComplianceTitleResolver,
  ReputationResolver,
} from './reputation/reputation.resolver';
import { ReputationService } from './reputation/reputation.service';

const SERVICES = [
  UploadsService,
  ClosedDaysService,
  DeadlinesService,
  DisputesService,
  DocketService,
  DocumentsService,
  SummaryRequestsService,
  DocumentVersionsService,
  DisputeTranslationsService,
  ProcedureSweeper,
  PanelSeatsService,
  BodyMeetingsService,
  StatisticsService,
  ReputationService,
  StageObservers,
  DocketObservers,
  StepProviders,
];

/** The registry's services, for the API and the worker. */
@Module({
  providers: [
    ...SERVICES,
    {
      // Chosen by configuration (DOCUMENT_STORAGE): the services see only the interface.
      provide: DocumentStorage,
      inject: [AppConfig, DataSource],
      useFactory: (config: AppConfig, dataSource: DataSource): DocumentStorage =>
        config.DOCUMENT_STORAGE === 's3'
          ? new S3DocumentStorage(
              {
                endpoint: config.S3_ENDPOINT,
                bucket: config.S3_BUCKET as string,
                region: config.S3_REGION,
                accessKeyId: config.S3_ACCESS_KEY_ID,
                secretAccessKey: config.S3_SECRET_ACCESS_KEY,
                forcePathStyle: config.S3_FORCE_PATH_STYLE,
              },
              dataSource,
            )
          : new PostgresDocumentStorage(dataSource),
    },
  ],
  exports: [...SERVICES, DocumentStorage],
})
export class RegistryModule {}

/** The registry's GraphQL surface. */
@Module({
  imports: [RegistryModule],
  controllers: [DocumentsController, UploadsController],
  providers: [
    // The document policy applied to the audit log the API serves (the worker serves none).
    DocumentAuditRedactor,
    DisputesResolver,
    DisputeFieldsResolver,
    DeadlineFieldsResolver,
    ClosedDaysResolver,
    BodyMeetingsResolver,
    DocketResolver,
    DocumentsResolver,
    DisputeDocumentsResolver,
    DocketEntryDocumentsResolver,
    StatisticsResolver,
    DisputeLanguagesResolver,
    DocumentLanguagesResolver,
    ReputationResolver,
    MemberDisputeTitleResolver,
    ComplianceRecordTitleResolver,
    OutstandingComplianceTitleResolver,
  ],
})
export class RegistryApiModule {}
