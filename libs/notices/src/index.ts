// The public surface of @app/notices. Other libs import only from here.
import { NoticeEntity } from './notices/notice.entity';
import { NoticePreferenceEntity } from './notices/notice-preference.entity';

export * from './notices.module';
export { NoticeEntity, NOTICE_CATEGORIES, type NoticeCategory } from './notices/notice.entity';
export { NoticePreferenceEntity } from './notices/notice-preference.entity';

/** The notices' tables, for the data source. */
export const NOTICES_ENTITIES = [NoticeEntity, NoticePreferenceEntity];
export { NOTICES_ERRORS, type NoticesErrorCode } from './notices.errors';
export { LiveDocketHub } from './live/live-docket.hub';
export { LiveDocketListener } from './live/live-docket.listener';
export { LIVE_DOCKET_CHANNEL } from './live/live-docket.notifier';
export { liveDocketWsOptions, liveSubscriptionContext, type LiveConnection } from './live/live-connection';
export { ATOM_CONTENT_TYPE, atomId, buildAtom, escapeXml, feedBase, type AtomEntry, type AtomFeed, type AtomLink } from './feeds/atom';
export { FEED_AUTHOR, oneLine } from './feeds/docket-feeds.service';
export { sendAtom } from './feeds/docket-feeds.controller';
