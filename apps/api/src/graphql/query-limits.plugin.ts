import type { ApolloServerPlugin } from '@apollo/server';
import { DEFAULT_QUERY_LIMITS, QueryLimits, checkQueryLimits } from '@app/core';
import { FragmentDefinitionNode, Kind } from 'graphql';

/**
 * Refuses operations beyond the depth, alias and cost limits once the operation and its
 * variables are known (the cost depends on the page sizes asked for), before any resolver runs.
 */
export function queryLimitsPlugin(limits: QueryLimits = DEFAULT_QUERY_LIMITS): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const def of document.definitions) {
            if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
          }
          const refusal = checkQueryLimits(operation, fragments, request.variables ?? {}, limits);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
