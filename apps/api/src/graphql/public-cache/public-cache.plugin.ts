import type { ApolloServerPlugin } from '@apollo/server';
import { EXPENSIVE_QUERY_BUDGET, type GraphqlContext, type PublicCache } from '@app/core';
import { operationMeasure } from '../query-limits.plugin';
import { pendingAnswerOf } from './public-cache.middleware';

/**
 * Apollo's half of the cache of public answers (README, "Public reads from a cache"). For a request
 * the middleware keyed (anonymous): once the operation is known to be a query, the version of the
 * public data is read before any resolver runs, so the answer is never filed under a version newer
 * than the data it read; once answered, it is cacheable only as a query's complete answer without
 * errors, still to nobody signed in. Mutations and subscriptions are never kept, nor an
 * expensive query (its budget is charged per request).
 */
export function publicCachePlugin(cache: PublicCache): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart({ contextValue }) {
      const pending = contextValue.req ? pendingAnswerOf(contextValue.req) : undefined;
      if (!pending) return;
      let query = false;
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation?.operation !== 'query') return;
          // An expensive query is charged to its address on every request (queryLimitsPlugin):
          // a kept answer would be served past that budget, so it is never kept.
          if (operationMeasure(document, operation, request.variables).cost >= EXPENSIVE_QUERY_BUDGET.threshold) return;
          query = true;
          if (pending.version === undefined) pending.version = await cache.currentVersion();
        },
        async willSendResponse({ response, contextValue: ctx }) {
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
