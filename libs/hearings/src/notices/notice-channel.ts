import { Injectable, Logger } from '@nestjs/common';
import type { OutboxNoticeEntity } from './notice.entity';

/** Where notices go (e-mail, a messaging gateway, ...). Delivery is at least once: be idempotent on the notice id. */
export abstract class NoticeChannel {
  abstract deliver(notice: OutboxNoticeEntity): Promise<void>;
}

/** The default channel: writes each notice to the log. */
@Injectable()
export class LogNoticeChannel extends NoticeChannel {
  private readonly logger = new Logger('HearingNotices');

  async deliver(notice: OutboxNoticeEntity): Promise<void> {
    this.logger.log(
      `Notice ${notice.id} to user ${notice.recipientUserId}: hearing ${notice.hearingId} ${notice.kind} ${JSON.stringify(notice.payload)}`,
    );
  }
}
