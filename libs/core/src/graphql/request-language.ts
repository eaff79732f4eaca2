import { negotiateLanguage, type Language, type NegotiatedLanguage } from '@app/i18n';
import type { Actor } from '../auth/actor';

/**
 * What a request's language is negotiated from (README, "Working languages"): the `lang` query
 * parameter of the HTTP request (`/graphql?lang=fr`), the signed-in user's stored preference, which
 * the authentication loads with the user (`Actor.language`, no query of its own), and the
 * `Accept-Language` header.
 */
export interface LanguageSource {
  /** Express's parsed query string: `lang` may come as a string, a list (`?lang=a&lang=b`) or an object. */
  query?: unknown;
  headers: Record<string, string | string[] | undefined>;
  user?: Pick<Actor, 'userId' | 'language'> | null;
}

/** The first string of a query parameter or header that may be repeated. */
function firstString(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return null;
}

/** The negotiation of one request: pure, from what the request carries. */
export function negotiateRequestLanguage(source: LanguageSource): NegotiatedLanguage {
  const query = source.query && typeof source.query === 'object' ? (source.query as Record<string, unknown>).lang : undefined;
  const acceptLanguage = source.headers['accept-language'];
  return negotiateLanguage({
    query: firstString(query),
    preference: source.user?.language ?? null,
    acceptLanguage: Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? null),
  });
}

/** The negotiated language kept on a GraphQL context, with the user it was negotiated for. */
export interface RequestLanguageMemo {
  /** The user id and preference it was negotiated with (undefined: before authentication ran). */
  readonly user: string | null | undefined;
  readonly preference: string | null | undefined;
  readonly negotiated: NegotiatedLanguage;
}

/** A context that may hold the negotiated language: the GraphQL context of a request or subscription. */
export interface LanguageContext {
  req: LanguageSource;
  language?: RequestLanguageMemo;
}

/**
 * The language of a GraphQL request and whether an unavailable one was asked for: negotiated once
 * and kept on the context. The authentication runs per operation field, after the context is made,
 * so the memo also records whose preference it used: it is negotiated again only if the user
 * changed since (the guard signed the request in, or `updateMyLanguage` changed the preference), a
 * comparison of two strings. Before any resolver ran (a query that did not parse or validate), the
 * user is not known yet and the preference does not count.
 */
export function requestNegotiation(ctx: LanguageContext): NegotiatedLanguage {
  const user = ctx.req.user === undefined ? undefined : (ctx.req.user?.userId ?? null);
  const preference = ctx.req.user?.language;
  const memo = ctx.language;
  if (memo && memo.user === user && memo.preference === preference) return memo.negotiated;
  const negotiated = negotiateRequestLanguage(ctx.req);
  ctx.language = { user, preference, negotiated };
  return negotiated;
}

/**
 * The language a resolver answers in: what a `language` argument defaults to
 * (`language ?? requestLanguage(ctx)`).
 */
export function requestLanguage(ctx: LanguageContext): Language {
  return requestNegotiation(ctx).language;
}
