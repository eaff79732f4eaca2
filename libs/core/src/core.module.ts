import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { PassportModule } from '@nestjs/passport';
import { AuditCheckpoints } from './audit/audit-checkpoints.service';
import { AuditKeys, resolveAuditSigningKey } from './audit/audit-keys';
import { AuditRedactors } from './audit/audit-redactors';
import { AuditResolver } from './audit/audit.resolver';
import { AuditService } from './audit/audit.service';
import { AuthenticationGuard } from './auth/auth.guard';
import { AuthResolver } from './auth/auth.resolver';
import { AuthService } from './auth/auth.service';
import { JwtStrategy } from './auth/jwt.strategy';
import { SecondFactorResolver } from './auth/second-factor.resolver';
import { SecondFactorService } from './auth/second-factor.service';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, JwtSecret } from './auth/jwt-settings';
import { Clock, SessionClock, SystemClock } from './clock/clock';
import { SandboxClock } from './clock/sandbox-clock';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { CommandRunner } from './database/command-runner';
import { HttpErrorFilter } from './errors/http-exception.filter';
import { HealthController } from './health/health.controller';
import { MembersResolver } from './members/members.resolver';
import { MembersService } from './members/members.service';
import { Metrics } from './observability/metrics';
import { RateLimiter } from './rate-limit/rate-limiter.service';
import { SandboxClockSync } from './sandbox/sandbox-clock.sync';
import { SandboxResolver, UserSandboxResolver } from './sandbox/sandbox.resolver';
import { SandboxService } from './sandbox/sandbox.service';
import { UsersResolver } from './users/users.resolver';
import { UsersService } from './users/users.service';

export interface CoreModuleOptions {
  config: AppConfig;
  jwtSecret: string;
  /** Tests pass a ManualClock; everything else gets the system clock. With SANDBOX, the sandbox's clock runs on it. */
  clock?: Clock;
}

const SERVICES: Provider[] = [
  AuditService,
  AuditRedactors,
  AuditCheckpoints,
  CommandRunner,
  RateLimiter,
  SecondFactorService,
  AuthService,
  MembersService,
  UsersService,
  SandboxClockSync,
  SandboxService,
];

/**
 * Configuration, clock, unit of work, audit trail, authentication, members and users: what
 * every domain module builds on. The API adds the resolvers and the global guard with
 * {@link CoreModule.forApi}; the worker uses the services alone.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(options.config),
        PassportModule,
        JwtModule.register({
          secret: options.jwtSecret,
          signOptions: { algorithm: JWT_ALGORITHM, issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
          verifyOptions: { algorithms: [JWT_ALGORITHM], issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
        }),
      ],
      providers: [
        // A training sandbox moves the clock it is given (README, "Training sandbox"); the base
        // clock stays real time (or a test's ManualClock).
        {
          provide: Clock,
          useValue: options.config.SANDBOX ? new SandboxClock(options.clock ?? new SystemClock()) : (options.clock ?? new SystemClock()),
        },
        {
          provide: SessionClock,
          useFactory: (clock: Clock): SessionClock => (clock instanceof SandboxClock ? { now: () => clock.realNow() } : clock),
          inject: [Clock],
        },
        { provide: JwtSecret, useValue: new JwtSecret(options.jwtSecret) },
        // The audit trail's signing key: from configuration, never from the database.
        { provide: AuditKeys, useFactory: () => new AuditKeys(resolveAuditSigningKey(options.config)) },
        // The process's Prometheus metrics (README, "Operations"): the API serves them at /metrics,
        // the worker on WORKER_METRICS_PORT.
        {
          provide: Metrics,
          useFactory: (dataSource: DataSource) =>
            new Metrics({ dataSource, processMetrics: Boolean(options.config.METRICS_TOKEN) || options.config.METRICS_ALLOW_LOCAL }),
          inject: [DataSource],
        },
        ...SERVICES,
      ],
      exports: [Clock, SessionClock, JwtSecret, ConfigModule, AuditKeys, Metrics, ...SERVICES],
    };
  }
}

/** The GraphQL and HTTP surface of the core: resolvers, health probes and the global guard. */
@Module({
  controllers: [HealthController],
  providers: [
    JwtStrategy,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_FILTER, useClass: HttpErrorFilter },
    AuthResolver,
    SecondFactorResolver,
    UsersResolver,
    MembersResolver,
    AuditResolver,
    SandboxResolver,
    UserSandboxResolver,
  ],
})
export class CoreApiModule {}
