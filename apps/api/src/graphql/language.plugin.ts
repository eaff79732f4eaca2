import type { ApolloServerPlugin } from '@apollo/server';
import { GraphqlContext, localizeError, requestNegotiation } from '@app/core';
import { languageTag, translate } from '@app/i18n';

/** `Vary` as it was plus `Accept-Language`, once. */
export function withVary(existing: string | undefined, header = 'Accept-Language'): string {
  const names = (existing ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.some((name) => name === '*' || name.toLowerCase() === header.toLowerCase())) return names.join(', ');
  return [...names, header].join(', ');
}

/**
 * The language of every GraphQL answer over HTTP (README, "Working languages"), once the request is
 * done: `Content-Language` (the tag, `zh-Hans` for Chinese) and `Vary: Accept-Language` for caches,
 * `extensions.language` (the code), `extensions.languageFallback` when `?lang=` asked for a language
 * the body does not work in, and every error's message in that language (localizeError: English
 * unchanged). Negotiated once per request (requestNegotiation), by then with the user the
 * authentication loaded, so it costs no query.
 */
export function languagePlugin(): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const { language, unavailable } = requestNegotiation(contextValue);
          response.http.headers.set('content-language', languageTag(language));
          response.http.headers.set('vary', withVary(response.http.headers.get('vary')));
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors) result.errors = result.errors.map((error) => localizeError(error, language));
          result.extensions = {
            ...result.extensions,
            language,
            ...(unavailable
              ? {
                  languageFallback: {
                    requested: unavailable,
                    message: translate(language, 'api.languageFallback', { requested: unavailable, language }),
                  },
                }
              : {}),
          };
        },
      };
    },
  };
}
