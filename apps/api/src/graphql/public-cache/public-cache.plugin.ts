import type { ApolloServerPlugin } from '@apollo/server';
import { EXPENSIVE_QUERY_BUDGET, type GraphqlContext, type PublicCache, type ReadReplicas } from '@app/core';
import { operationMeasure } from '../query-limits.plugin';
import { pendingAnswerOf } from './public-cache.hooks';

/**
 * Apollo's half of the cache of public answers (README, "Public reads from a cache"). For a request
 * the middleware keyed (anonymous): once the operation is known to be a query, the version of the
 * public data is read before any resolver runs, so the answer is never filed under a version newer
 * than the data it read; once answered, it is cacheable only as a query's complete answer without
 * errors, still to nobody signed in. Mutations and subscriptions are never kept, nor an
 * expensive query (its budget is charged per request).
 *
 * With read replicas (README, "Running on several machines"), an anonymous query's reads are
 * routed, before any resolver runs, to a replica that holds that same version (an expensive
 * query's too, though never kept), else left on the primary; a mutation's never.
 */
export function publicCachePlugin(cache: PublicCache, replicas: ReadReplicas): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart({ contextValue }) {
      const pending = contextValue.req ? pendingAnswerOf(contextValue.req) : undefined;
      const anonymous = replicas.enabled && contextValue.req?.headers.authorization === undefined;
      if (!pending && !anonymous) return;
      let query = false;
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation?.operation !== 'query') return;
          // An expensive query is charged to its address on every request (queryLimitsPlugin):
          // a kept answer would be served past that budget, so it is never kept.
          const expensive = operationMeasure(document, operation, request.variables).cost >= EXPENSIVE_QUERY_BUDGET.threshold;
          if (pending && !expensive) {
            query = true;
            if (pending.version === undefined) pending.version = await cache.currentVersion();
          }
          if (anonymous) await replicas.route(pending?.version ?? (await cache.currentVersion()));
        },
        async willSendResponse({ response, contextValue: ctx }) {
          if (!pending) return;
          pending.cacheable =
            query &&
            response.body.kind === 'single' &&
            !response.body.singleResult.errors &&
            (response.http.status ?? 200) === 200 &&
            !ctx.req.user &&
            ctx.req.headers.authorization === undefined;
        },
      };
    },
  };
}
