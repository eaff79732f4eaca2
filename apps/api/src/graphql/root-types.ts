import type { GraphQLSchema } from 'graphql';

/**
 * Describes the root types, which code-first decorators cannot: each operation says who may call it
 * (public, member delegate, party, panelist seated on the dispute, secretariat).
 */
export function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const subscription = schema.getSubscriptionType();
  if (query) {
    query.description =
      'Reads. Those marked Public answer without signing in, and show a signed-in user what their role and their member let them see; the others need `Authorization: Bearer <accessToken>` (see login)';
  }
  if (mutation) {
    mutation.description =
      'Changes, each one audited (auditLog) and, where it moves a dispute, docketed. Every one but login, refreshToken and logout needs `Authorization: Bearer <accessToken>`; each says who may call it, and a refusal says why (extensions.code)';
  }
  if (subscription) {
    subscription.description =
      'Live events over WebSocket (graphql-ws, protocol graphql-transport-ws) at the same path. Signed in with connectionParams `{ authorization: "Bearer <accessToken>" }` at connection_init (a token refused closes the connection, 4403), or anonymously';
  }
  return schema;
}
