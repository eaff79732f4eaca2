// The public surface of @app/notices. Other libs import only from here.
import { NoticeEntity } from './notices/notice.entity';
import { NoticePreferenceEntity } from './notices/notice-preference.entity';
import { WebhookAttemptEntity } from './webhooks/webhook-attempt.entity';
import { WebhookDeliveryEntity } from './webhooks/webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhooks/webhook-endpoint.entity';

export * from './notices.module';
export { NoticeEntity, NOTICE_CATEGORIES, type NoticeCategory } from './notices/notice.entity';
export { NoticePreferenceEntity } from './notices/notice-preference.entity';
export { NoticesService, type ServiceOnMember } from './notices/notices.service';
export { DocketNoticesService } from './notices/docket-notices.service';
export { NoticePreferencesService } from './notices/notice-preferences.service';
export { categoryOfKind, nextLocalHour, NOTICE_LOCALES, type NoticeDraft, type NoticePayload } from './notices/notice-rules';

/** The notices' tables, for the data source. */
export const NOTICES_ENTITIES = [NoticeEntity, NoticePreferenceEntity, WebhookEndpointEntity, WebhookDeliveryEntity, WebhookAttemptEntity];
export { WebhookDelivery } from './webhooks/webhook-delivery.service';
export { WebhooksService } from './webhooks/webhooks.service';
export { WebhookEndpointEntity, WebhookDeliveryEntity, WebhookAttemptEntity };
export { NOTICES_ERRORS, type NoticesErrorCode } from './notices.errors';
export { NoticeDelivery, type DeliveryReport } from './mail/notice-delivery.service';
export { MailTransport, SmtpMailTransport, type OutgoingMail, type SentMail } from './mail/mail-transport';
export { MailCatcher, mountMailCatcher, type CaughtMail, type MailView } from './mail/mail-catcher';
export { RemindersService, type ReminderReport } from './reminders/reminders.service';
export { reminderDue, whenFrom, daysFrom } from './reminders/zoned-day';
export { datePlaceholder, noticeDay, noticeLanguage, noticeText, type NoticeText } from './notices/notice-language';
export { LiveDocketHub } from './live/live-docket.hub';
export { LiveDocketListener } from './live/live-docket.listener';
export { LIVE_DOCKET_CHANNEL } from './live/live-docket.notifier';
export { liveDocketWsOptions, liveSubscriptionContext, type LiveConnection } from './live/live-connection';
export { ATOM_CONTENT_TYPE, atomId, buildAtom, escapeXml, feedBase, type AtomEntry, type AtomFeed, type AtomLink } from './feeds/atom';
export { FEED_AUTHOR, oneLine } from './feeds/docket-feeds.service';
export { sendAtom } from './feeds/docket-feeds.controller';
