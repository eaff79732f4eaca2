// Decorator metadata must be recorded from the first class on, whatever imports this first.
import 'reflect-metadata';
export * from './audit/audit-chain';
export * from './audit/audit-checkpoint.entity';
export * from './audit/audit-checkpoints.service';
export * from './audit/audit-keys';
export * from './audit/audit-record.entity';
export * from './audit/audit-redactors';
export * from './audit/audit-verify';
export * from './audit/audit.service';
export { AuditCheckpoint, toAuditCheckpoint } from './audit/audit.type';
export * from './auth/actor';
export * from './auth/auth.service';
export * from './auth/decorators';
export * from './auth/jwt-secret';
export { JWT_AUDIENCE, JWT_ISSUER } from './auth/jwt-settings';
export * from './auth/passwords';
export * from './auth/policy';
export * from './auth/refresh-token.entity';
export * from './auth/recovery-code.entity';
export * from './auth/second-factor.service';
export * from './auth/secret-box';
export * from './auth/sign-in.entity';
export * from './auth/totp';
export * from './auth/totp-factor.entity';
export * from './clock/clock';
export * from './clock/sandbox-clock';
export * from './config/app-config';
export * from './core.errors';
export * from './core.module';
export * from './database/command-runner';
export * from './database/database.module';
export * from './database/database-roles';
export * from './database/embedded-postgres';
export * from './database/postmaster-pid';
export * from './database/entity-rows';
export * from './database/pg-listener';
export * from './database/public-read-version';
export * from './database/public-read-version.entity';
export * from './database/read-replicas';
export * from './database/unique-constraints';
export * from './public-cache/public-answers';
export * from './public-cache/public-cache.module';
export * from './public-cache/public-cache.service';
export * from './errors';
export * from './observability';
export * from './graphql/base64';
export * from './graphql/enum';
export * from './graphql/instant';
export { default as GraphQLJSON } from './audit/json.scalar';
export * from './graphql/local-date.scalar';
export * from './graphql/omittable';
export * from './graphql/pagination';
export * from './graphql/query-limits';
export * from './graphql/request-limits';
export * from './graphql/request-context';
export * from './graphql/request-language';
export * from './graphql/schema-arg';
export * from './graphql/validation.pipe';
export * from './graphql/transforms';
export * from './members/member.entity';
export * from './members/member.type';
export * from './members/members.service';
export * from './rate-limit/client-address';
export * from './rate-limit/rate-limit.entity';
export * from './rate-limit/rate-limiter.service';
export * from './sandbox/sandbox-catch-up';
export * from './sandbox/sandbox-clock.entity';
export { SANDBOX_CLOCK_CHANNEL, SandboxClockSync } from './sandbox/sandbox-clock.sync';
export * from './sandbox/sandbox.service';
export { SandboxInfo } from './sandbox/sandbox.type';
export * from './users/user.entity';
export * from './users/user.type';
export * from './users/users.service';
import { AuditCheckpointEntity } from './audit/audit-checkpoint.entity';
import { AuditRecordEntity } from './audit/audit-record.entity';
import { RefreshTokenEntity } from './auth/refresh-token.entity';
import { RecoveryCodeEntity } from './auth/recovery-code.entity';
import { SignInEntity } from './auth/sign-in.entity';
import { TotpFactorEntity } from './auth/totp-factor.entity';
import { MemberEntity } from './members/member.entity';
import { RateLimitEntity } from './rate-limit/rate-limit.entity';
import { SandboxClockEntity } from './sandbox/sandbox-clock.entity';
import { PublicReadVersionEntity } from './database/public-read-version.entity';
import { UserEntity } from './users/user.entity';

/** The core's tables, for the data source. */
export const CORE_ENTITIES = [
  MemberEntity,
  UserEntity,
  SignInEntity,
  TotpFactorEntity,
  RecoveryCodeEntity,
  RefreshTokenEntity,
  AuditRecordEntity,
  AuditCheckpointEntity,
  RateLimitEntity,
  SandboxClockEntity,
  PublicReadVersionEntity,
];
