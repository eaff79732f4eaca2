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
import { DocumentNode, FragmentDefinitionNode, GraphQLError, Kind, OperationDefinitionNode } from 'graphql';

/** The depth, aliases and cost of the operation a request runs, with its variables. */
export function operationMeasure(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  limits: QueryLimits = DEFAULT_QUERY_LIMITS,
): ReturnType<typeof measureOperation> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  }
  return measureOperation(operation, fragments, variables ?? {}, limits.defaultPageSize);
}

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
          const measure = operationMeasure(document, operation, request.variables, limits);
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
