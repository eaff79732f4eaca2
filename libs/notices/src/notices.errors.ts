import { type ErrorCatalogue } from '@app/core';

/** The codes of `libs/notices`: service of notices, preferences, webhooks, subscriptions, feeds. */
export const NOTICES_ERRORS = {
  NOTICE_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No notice served on the caller has that id' },
  MAIL_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No notice was mailed with that Message-ID (recordMailBounce)' },
  INVALID_MESSAGE_ID: {
    category: 'BAD_USER_INPUT',
    meaning: 'A Message-ID is written as the mail carried it, in angle brackets: <id@host>',
  },
  INVALID_BOUNCE_REASON: { category: 'BAD_USER_INPUT', meaning: "A bounce's reason is 1 to 1000 characters" },
} as const satisfies ErrorCatalogue;

/** A code of `libs/notices`. */
export type NoticesErrorCode = keyof typeof NOTICES_ERRORS;

declare module '@app/core' {
  interface ErrorCatalogues {
    notices: typeof NOTICES_ERRORS;
  }
}
