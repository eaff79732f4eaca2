import {
  ClientErrorExtensions,
  QueryLimitError,
  RequestLimits,
  localizeError,
  negotiateRequestLanguage,
  requestLimitsChecker,
} from '@app/core';
import { languageTag } from '@app/i18n';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

/**
 * A `preHandler` hook of the GraphQL route, after Fastify has parsed the JSON body and before
 * Apollo: a request beyond the bounds of {@link requestLimitsChecker} (query length, tokens,
 * selections, variable values and nesting) is answered here, before Apollo parses or validates
 * anything, as formatGraphqlError answers every other refused query: HTTP 400, BAD_USER_INPUT,
 * the bound as `extensions.domainCode` with the limit and the actual figure. The message is in the
 * request's language (`?lang=`, `Accept-Language`: no one is signed in yet at this point), from the
 * errors catalogue as every other error's (README, "Working languages").
 */
export function requestLimitsHook(limits?: RequestLimits) {
  const check = requestLimitsChecker(limits);
  return (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const source = req.method === 'GET' ? (req.query as Record<string, unknown>) : (req.body as Record<string, unknown> | undefined);
    // GET: the variables are still JSON text, bounded by Node's header size (16 KiB); a batch
    // (an array body) is refused by Apollo itself.
    if (!source || typeof source !== 'object' || Array.isArray(source)) return done();
    const refusal = check(source.query, req.method === 'GET' ? undefined : source.variables);
    if (!refusal) return done();
    const { language } = negotiateRequestLanguage({ query: req.query, headers: req.headers });
    // Answered here: `done` is not called, so nothing after this hook runs.
    void reply
      .code(400)
      .header('Content-Language', languageTag(language))
      .header('Vary', 'Accept-Language')
      .header('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ errors: [localizeError(toClient(refusal), language)] }));
  };
}

function toClient(error: QueryLimitError): { message: string; extensions: ClientErrorExtensions } {
  return {
    message: error.message,
    extensions: { code: 'BAD_USER_INPUT', domainCode: error.limitCode, limit: error.limit, actual: error.actual, ...error.details },
  };
}
