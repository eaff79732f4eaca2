import type { ApolloServerPlugin } from '@apollo/server';
import {
  DEFAULT_QUERY_LIMITS,
  DomainCode,
  EXPENSIVE_QUERY_BUDGET,
  GraphqlContext,
  QueryLimits,
  RateLimiter,
  checkQueryLimits,
  measureOperation,
} from '@app/core';
import { FragmentDefinitionNode, GraphQLError, Kind } from 'graphql';

/**
 * Refuses operations beyond the depth, alias and cost limits once the operation and its
 * variables are known (the cost depends on the page sizes asked for), before any resolver runs;
 * and charges expensive ones to the client's budget in PostgreSQL.
 */
export function queryLimitsPlugin(limiter: RateLimiter, limits: QueryLimits = DEFAULT_QUERY_LIMITS): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const def of document.definitions) {
            if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
          }
          const measure = measureOperation(operation, fragments, request.variables ?? {}, limits.defaultPageSize);
          const refusal = checkQueryLimits(measure, limits);
          if (refusal) throw refusal;
          if (measure.cost < EXPENSIVE_QUERY_BUDGET.threshold) return;
          // Counted per address: the operation is weighed before authentication runs.
          const spent = await limiter.hit(`query-cost:${contextValue.req.ip ?? 'unknown'}`, EXPENSIVE_QUERY_BUDGET, measure.cost);
          if (spent > EXPENSIVE_QUERY_BUDGET.limit) {
            throw new GraphQLError(
              `Too many expensive queries: ${spent} cost units in the last minute, at most ${EXPENSIVE_QUERY_BUDGET.limit}; ask for smaller pages or wait`,
              { extensions: { code: 'RATE_LIMITED', domainCode: 'QUERY_BUDGET_EXCEEDED' satisfies DomainCode, http: { status: 429 } } },
            );
          }
        },
      };
    },
  };
}
