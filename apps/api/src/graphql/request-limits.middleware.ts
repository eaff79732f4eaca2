import {
  ClientErrorExtensions,
  QueryLimitError,
  RequestLimits,
  checkRequestLimits,
  localizeError,
  negotiateRequestLanguage,
} from '@app/core';
import { languageTag } from '@app/i18n';
import type { NextFunction, Request, Response } from 'express';

/**
 * Express middleware in front of the GraphQL endpoint, after the JSON body parser and before
 * Apollo: a request beyond the bounds of {@link checkRequestLimits} (query length, tokens,
 * selections, variable values and nesting) is answered here, before Apollo parses or validates
 * anything, as formatGraphqlError answers every other refused query: HTTP 400, BAD_USER_INPUT,
 * the bound as `extensions.domainCode` with the limit and the actual figure. The message is in the
 * request's language (`?lang=`, `Accept-Language`: no one is signed in yet at this point), from the
 * errors catalogue as every other error's (README, "Working languages").
 */
export function requestLimitsMiddleware(limits?: RequestLimits) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const source = req.method === 'GET' ? (req.query as Record<string, unknown>) : (req.body as Record<string, unknown> | undefined);
    // GET: the variables are still JSON text, bounded by Node's header size (16 KiB); a batch
    // (an array body) is refused by Apollo itself.
    if (!source || typeof source !== 'object' || Array.isArray(source)) return next();
    const refusal = checkRequestLimits(source.query, req.method === 'GET' ? undefined : source.variables, limits);
    if (!refusal) return next();
    const { language } = negotiateRequestLanguage({ query: req.query, headers: req.headers });
    res.setHeader('Content-Language', languageTag(language));
    res.setHeader('Vary', 'Accept-Language');
    res.status(400).json({ errors: [localizeError(toClient(refusal), language)] });
  };
}

function toClient(error: QueryLimitError): { message: string; extensions: ClientErrorExtensions } {
  return {
    message: error.message,
    extensions: { code: 'BAD_USER_INPUT', domainCode: error.limitCode, limit: error.limit, actual: error.actual, ...error.details },
  };
}
