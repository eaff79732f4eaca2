import { type ErrorCatalogue } from '@app/core';

/** The codes of `libs/notices`: service of notices, preferences, webhooks, subscriptions, feeds. */
export const NOTICES_ERRORS = {
  NOTICE_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No notice served on the caller has that id' },
  FEED_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No feed at that address: a dispute feed is /feeds/disputes/DS<number>.atom' },
} as const satisfies ErrorCatalogue;

/** A code of `libs/notices`. */
export type NoticesErrorCode = keyof typeof NOTICES_ERRORS;

declare module '@app/core' {
  interface ErrorCatalogues {
    notices: typeof NOTICES_ERRORS;
  }
}
