import type { ApolloServerPlugin } from '@apollo/server';
import { GraphqlContext, currentRequestId } from '@app/core';

/**
 * An answer with errors says which request it answered: `extensions.requestId`, the id of the
 * `X-Request-Id` header and of every log line written while serving it (README, "Operations"), so
 * a user's report of a failure leads an operator to its cause. In the answer's extensions, not in
 * each error's: two refusals that must look alike (an unknown e-mail and a wrong password, an
 * absent document and a hidden one) still have identical errors.
 */
export function requestIdPlugin(): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors?.length) return;
          const requestId = currentRequestId();
          if (requestId) response.body.singleResult.extensions = { ...response.body.singleResult.extensions, requestId };
        },
      };
    },
  };
}
