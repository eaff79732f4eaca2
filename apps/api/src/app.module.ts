import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import {
  AppConfig,
  Clock,
  CoreApiModule,
  Metrics,
  RateLimiter,
  CoreModule,
  DatabaseModule,
  RequestLoaders,
  formatGraphqlError,
  PublicCache,
  PublicCacheModule,
  ReadReplicas,
} from '@app/core';
import { ALL_ENTITIES, ALL_MIGRATIONS } from '@app/migrations';
import { HearingsApiModule, HearingsModule } from '@app/hearings';
import { LiveConnection, NoticesApiModule, NoticesModule, liveDocketWsOptions, liveSubscriptionContext } from '@app/notices';
import { PanelsApiModule, PanelsModule } from '@app/panels';
import { RegistryApiModule, RegistryModule } from '@app/registry';
import { RulingsApiModule } from '@app/rulings';
import { SiteModule } from '@app/site';
import type { FastifyRequest } from 'fastify';
import { languagePlugin } from './graphql/language.plugin';
import { queryLimitsPlugin } from './graphql/query-limits.plugin';
import { CSRF_PREFLIGHT_HEADERS } from './graphql/csrf';
import { publicCachePlugin } from './graphql/public-cache/public-cache.plugin';
import { requestIdPlugin } from './graphql/request-id.plugin';
import { describeRootTypes } from './graphql/root-types';
import { JobsService } from '../../worker/src/jobs.service';
import { ApiSandboxCatchUp } from './sandbox-catch-up';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  jwtSecret: string;
  clock?: Clock;
}

const logger = new Logger('GraphQL');

/** The API process: the core and every domain module, behind one GraphQL endpoint. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({ config, jwtSecret: options.jwtSecret, clock: options.clock }),
        DatabaseModule.forRoot({
          url: options.databaseUrl,
          entities: ALL_ENTITIES,
          migrations: ALL_MIGRATIONS,
          applicationName: 'dispute-body-api',
          readUrls: config.DATABASE_READ_URLS,
        }),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [PublicCacheModule],
          inject: [RateLimiter, PublicCache, Metrics, ReadReplicas],
          useFactory: (limiter: RateLimiter, publicCache: PublicCache, metrics: Metrics, replicas: ReadReplicas): ApolloDriverConfig => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            transformSchema: describeRootTypes,
            playground: false,
            // The explorer is served by the application itself (see explorer.ts); Apollo's landing
            // page would load its assets from a CDN.
            // No cache hints are set (answers depend on who asks), and Apollo's default cache-control
            // plugin wraps every field resolver to compute them: about a tenth of the CPU time of the
            // docket list (bench/RESULTS.md).
            // languagePlugin: the answer's language, its headers and its errors' messages (README, "Working languages").
            // publicCachePlugin: anonymous queries' answers kept per version of the public data (README, "Public reads from a cache"),
            // and their reads sent to a read replica that holds that version (README, "Running on several machines").
            // requestIdPlugin: an answer with errors names its request (README, "Operations"); never one kept by the cache, which keeps no answer with errors.
            plugins: [
              ApolloServerPluginLandingPageDisabled(),
              ApolloServerPluginCacheControlDisabled(),
              queryLimitsPlugin(limiter),
              languagePlugin(),
              publicCachePlugin(publicCache, replicas),
              requestIdPlugin(),
            ],
            // One operation per request: a batch would multiply every per-request limit.
            allowBatchedHttpRequests: false,
            // No "did you mean" hints about the schema in production errors: Apollo strips those of
            // validation; formatGraphqlError (hideDetails) those of every other stage too.
            hideSchemaDetailsFromClientErrors: config.isProduction,
            introspection: config.introspection,
            includeStacktraceInErrorResponses: false,
            // A GET, or a POST a browser could send cross-site (a form's content type), needs a
            // preflight header (csrf.ts).
            csrfPrevention: { requestHeaders: CSRF_PREFLIGHT_HEADERS },
            // The live docket's subscriptions over graphql-ws on /graphql (libs/notices/src/live):
            // the token from connectionParams at connection_init, the API limits on each subscribe.
            subscriptions: {
              'graphql-ws': liveDocketWsOptions({ production: config.isProduction, maxConnections: config.LIVE_MAX_CONNECTIONS }),
            },
            // A request's context (Apollo's Fastify integration hands the request, whose `raw` is
            // node's, and the reply); a subscription's (graphql-ws hands its connection instead,
            // then the message) has the same shape.
            context: (arg: FastifyRequest | LiveConnection) =>
              'raw' in arg ? { req: arg, loaders: new RequestLoaders() } : liveSubscriptionContext(arg),
            // Each error is counted by its code (dsb_graphql_errors_total, README "Operations").
            formatError: (formatted, error) => {
              const answer = formatGraphqlError(formatted, error, {
                hideDetails: config.isProduction,
                onInternal: (cause) => logger.error((cause as Error)?.stack ?? String(cause)),
              });
              metrics.countGraphqlError(answer.extensions?.code);
              return answer;
            },
          }),
        }),
        PublicCacheModule,
        CoreApiModule,
        RegistryApiModule,
        NoticesApiModule,
        PanelsApiModule,
        HearingsApiModule,
        RulingsApiModule,
        SiteModule,
        // A training sandbox runs the worker's round itself when its clock moves (README, "Training sandbox").
        ...(config.SANDBOX ? [RegistryModule, NoticesModule, PanelsModule, HearingsModule] : []),
      ],
      providers: config.SANDBOX ? [JobsService, ApiSandboxCatchUp] : [],
    };
  }
}
