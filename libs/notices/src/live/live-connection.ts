import { Logger } from '@nestjs/common';
import {
  Actor,
  DEFAULT_QUERY_LIMITS,
  GraphqlContext,
  RequestLoaders,
  checkQueryLimits,
  checkRequestLimits,
  formatGraphqlError,
  measureOperation,
} from '@app/core';
import type { IncomingMessage } from 'node:http';
import { FragmentDefinitionNode, GraphQLError, Kind, OperationDefinitionNode, parse } from 'graphql';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import passport from 'passport';

/** Subscriptions one WebSocket connection may hold at once. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 20;

/** Signed-in WebSocket connections one API process holds at once, unless told otherwise. */
export const DEFAULT_MAX_LIVE_CONNECTIONS = 1000;
/** WebSocket close code 1013, Try Again Later (RFC 6455 registry): sent when the process is full. */
export const CLOSE_TRY_AGAIN_LATER = 1013;

/** What graphql-ws hands the hooks: the connection's parameters, the upgrade request and its socket. */
export interface LiveConnection {
  connectionParams?: Readonly<Record<string, unknown>>;
  extra?: { request?: IncomingMessage; socket?: { close(code: number, reason: string): void } };
  subscriptions?: Record<string, unknown>;
}

const logger = new Logger('LiveDocket');

function authorizationOf(connection: LiveConnection): string | null {
  const value = connection.connectionParams?.authorization ?? connection.connectionParams?.Authorization;
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/**
 * Checks `Authorization: Bearer <jwt>` exactly as the HTTP API does: through the `jwt` passport
 * strategy the core registers (libs/core/src/auth/jwt.strategy.ts): the pinned algorithm, issuer
 * and audience, expiry on the Clock, a live (not revoked) sign-in of the token's user, the user
 * active. The actor, or null when the token is refused; a failure to check (the database down)
 * is thrown, as on the HTTP path, and not read as a refusal.
 */
export function authenticateBearer(authorization: string): Promise<Actor | null> {
  const request = { headers: { authorization } };
  return new Promise((resolve, reject) => {
    passport.authenticate('jwt', { session: false }, (error: unknown, user: Actor | false) => {
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve(user || null);
    })(request, {}, (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))));
  });
}

/**
 * The context of a subscription: the same shape as an HTTP request's (GraphqlContext), so that the
 * global guard, `@CurrentUser()` and the field resolvers (a docket entry's documents, through the
 * document policy) work on it unchanged. The guard verifies the token again when the operation
 * starts (AuthenticationGuard, as for a request) and sets `req.user`.
 */
export function liveSubscriptionContext(connection: LiveConnection): GraphqlContext {
  const authorization = authorizationOf(connection);
  return {
    req: {
      headers: authorization ? { authorization } : {},
      user: null,
      ip: connection.extra?.request?.socket.remoteAddress,
    },
    loaders: new RequestLoaders(),
  };
}

/**
 * Before a live event is resolved for one subscriber: fresh DataLoaders (a loader's cache is for
 * one request, and an event is one: a document derestricted since the last event is seen as it
 * is now), and the subscriber's session checked again as a request would check it, since a
 * connection outlives its access token: a token expired, a session revoked or a user deactivated
 * since the subscription began reads on as anonymous, as a public operation does with a bad token.
 * One primary-key lookup per signed-in subscriber and event (the JWT strategy's).
 */
export async function refreshLiveContext(context: GraphqlContext): Promise<void> {
  context.loaders = new RequestLoaders();
  const authorization = context.req.headers.authorization;
  if (typeof authorization !== 'string') {
    context.req.user = null;
    return;
  }
  context.req.user = await authenticateBearer(authorization);
}

function formatted(errors: readonly GraphQLError[], production: boolean): GraphQLError[] {
  return errors.map((error) => {
    let json = formatGraphqlError(error.toJSON(), error, {
      hideDetails: production,
      onInternal: (cause) => logger.error((cause as Error)?.stack ?? String(cause)),
    });
    // graphql-ws parses and validates itself; its errors carry no code, as Apollo's do.
    if (json.extensions.code === 'INTERNAL_SERVER_ERROR' && !error.originalError && !error.path) {
      const code = error.message.startsWith('Syntax Error') ? 'GRAPHQL_PARSE_FAILED' : 'GRAPHQL_VALIDATION_FAILED';
      json = { ...json, message: error.message, extensions: { code } };
    }
    return new GraphQLError(json.message, { extensions: json.extensions, path: json.path });
  });
}

/**
 * The graphql-ws options of the API (apps/api/src/app.module.ts): authentication at
 * `connection_init`, the request and query limits of the HTTP endpoint (README, API limits) on
 * every `subscribe`, a bound on the subscriptions of one connection and on the connections of the
 * process, and errors formatted as the HTTP endpoint formats them.
 */
export function liveDocketWsOptions(options: { production: boolean; maxConnections?: number }): GraphQLWsSubscriptionsConfig {
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_LIVE_CONNECTIONS;
  // The connections past connection_init (a socket that never inits is closed after 10 s by graphql-ws).
  const open = new Set<LiveConnection>();
  const hooks = {
    connectionInitWaitTimeout: 10_000,
    /**
     * connectionParams `{ authorization: 'Bearer <jwt>' }`, or nothing (the docket is public). A
     * token given and refused closes the connection (4403 Forbidden): a client that meant to sign
     * in is told so, and never silently served as anonymous.
     */
    onConnect: async (connection: LiveConnection): Promise<boolean> => {
      // Each connection holds memory and a share of every event's fan-out: a full process says so
      // (1013, try again later) rather than slowing every subscriber down.
      const full = () => {
        if (open.size < maxConnections) return false;
        connection.extra?.socket?.close(CLOSE_TRY_AGAIN_LATER, 'This server holds its maximum of live connections: try again later');
        return true;
      };
      if (full()) return false;
      const authorization = authorizationOf(connection);
      if (authorization && (await authenticateBearer(authorization)) === null) return false;
      // Again after the check's await: connections that arrived meanwhile may have filled it.
      if (full()) return false;
      open.add(connection);
      return true;
    },
    onClose: (connection: LiveConnection) => {
      open.delete(connection);
    },
    onSubscribe: (connection: LiveConnection, _id: string, payload: { query?: unknown; variables?: unknown; operationName?: unknown }) => {
      if (Object.keys(connection.subscriptions ?? {}).length >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
        return formatted(
          [
            new GraphQLError(`At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions on one connection`, {
              extensions: { code: 'BAD_REQUEST' },
            }),
          ],
          options.production,
        );
      }
      const refusal = checkRequestLimits(payload.query, payload.variables ?? {});
      if (refusal) return formatted([refusal], options.production);
      let document;
      try {
        document = parse(String(payload.query), { noLocation: true });
      } catch {
        return undefined; // graphql-ws reports the syntax error itself (onError formats it)
      }
      const fragments: Record<string, FragmentDefinitionNode> = {};
      const operations: OperationDefinitionNode[] = [];
      for (const def of document.definitions) {
        if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
        if (def.kind === Kind.OPERATION_DEFINITION) operations.push(def);
      }
      const operation = operations.find((o) => !payload.operationName || o.name?.value === payload.operationName);
      if (!operation) return undefined;
      const variables = (payload.variables ?? {}) as Record<string, unknown>;
      try {
        const limit = checkQueryLimits(
          measureOperation(operation, fragments, variables, DEFAULT_QUERY_LIMITS.defaultPageSize),
          DEFAULT_QUERY_LIMITS,
        );
        return limit ? formatted([limit], options.production) : undefined;
      } catch (error) {
        if (error instanceof GraphQLError) return formatted([error], options.production);
        throw error;
      }
    },
    onError: (_connection: LiveConnection, _id: string, _payload: unknown, errors: readonly GraphQLError[]) =>
      formatted(errors, options.production),
    onNext: (_connection: LiveConnection, _id: string, _payload: unknown, _args: unknown, result: { errors?: readonly GraphQLError[] }) =>
      result.errors?.length ? { ...result, errors: formatted(result.errors, options.production) } : undefined,
  };
  // @nestjs/graphql hands every option to graphql-ws's useServer, though its type names fewer
  // (not onError), and types the connection's `extra` as unknown where ws gives the upgrade request.
  return hooks as unknown as GraphQLWsSubscriptionsConfig;
}
