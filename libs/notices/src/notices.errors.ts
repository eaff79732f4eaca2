import { type ErrorCatalogue } from '@app/core';

/** The codes of `libs/notices`: service of notices, preferences, webhooks, subscriptions, feeds. */
export const NOTICES_ERRORS = {
  NOTICE_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No notice served on the caller has that id' },
  UNKNOWN_TIME_ZONE: { category: 'BAD_USER_INPUT', meaning: 'The time zone is not an IANA name (e.g. Europe/Geneva)' },
  UNKNOWN_LOCALE: { category: 'BAD_USER_INPUT', meaning: 'The language for dates is one of en, fr, es, zh, ru, ar' },
  INVALID_DIGEST_HOUR: { category: 'BAD_USER_INPUT', meaning: 'The digest hour is a whole hour from 0 to 23' },
  MAIL_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No notice was mailed with that Message-ID (recordMailBounce)' },
  INVALID_MESSAGE_ID: {
    category: 'BAD_USER_INPUT',
    meaning: 'A Message-ID is written as the mail carried it, in angle brackets: <id@host>',
  },
  INVALID_BOUNCE_REASON: { category: 'BAD_USER_INPUT', meaning: "A bounce's reason is 1 to 1000 characters" },
  WEBHOOK_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No webhook endpoint of the caller (its member, or the secretariat) has that id' },
  WEBHOOK_DELIVERY_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No delivery to a webhook endpoint of the caller has that id' },
  WEBHOOK_DISABLED: { category: 'INVALID_TRANSITION', meaning: 'The webhook endpoint is disabled: register a new one' },
  WEBHOOK_EVENT_TYPES_REQUIRED: { category: 'BAD_USER_INPUT', meaning: 'A webhook subscribes to at least one event type' },
  WEBHOOK_URL_INVALID: {
    category: 'BAD_USER_INPUT',
    meaning: 'The webhook URL is not an absolute http(s) URL, carries credentials or a fragment, or is too long (the message says which)',
  },
  WEBHOOK_URL_NOT_HTTPS: {
    category: 'BAD_USER_INPUT',
    meaning: 'The webhook URL must be https:// (http:// only to this machine, outside production)',
  },
  WEBHOOK_URL_PRIVATE: {
    category: 'BAD_USER_INPUT',
    meaning: 'In production, the webhook URL names or resolves to a private, loopback, link-local or otherwise internal address',
  },
  WEBHOOK_URL_UNRESOLVABLE: { category: 'BAD_USER_INPUT', meaning: "In production, the webhook URL's host name does not resolve" },
  FEED_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No feed at that address: a dispute feed is /feeds/disputes/DS<number>.atom' },
} as const satisfies ErrorCatalogue;

/** A code of `libs/notices`. */
export type NoticesErrorCode = keyof typeof NOTICES_ERRORS;

declare module '@app/core' {
  interface ErrorCatalogues {
    notices: typeof NOTICES_ERRORS;
  }
}
