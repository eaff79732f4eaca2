import { Injectable } from '@nestjs/common';
import { CommandContext, forbidden } from '@app/core';
import { DocumentEntity, DocumentsService, PanelSeatsService, type Seat } from '@app/registry';
import { createHash } from 'node:crypto';

export interface StoredFile {
  disputeId: string;
  kind: 'PANEL_REPORT' | 'COMMENTS_ON_REPORT' | 'APPELLATE_REPORT';
  title: string;
  fileName: string;
  mediaType: string;
  /** base64; or uploadId */
  content?: string | null;
  /** An upload of the filer's (POST /uploads) instead of content. */
  uploadId?: string | null;
  classification: 'PUBLIC' | 'RESTRICTED' | 'CONFIDENTIAL';
  readerIds?: string[];
  filedForMemberId?: string | null;
}

export type SeatRow = Seat;

/** What the rulings' commands share: filing a document inside the command, and the seated panel. */
@Injectable()
export class RulingsSupport {
  constructor(
    private readonly documents: DocumentsService,
    private readonly seats: PanelSeatsService,
  ) {}

  /** Stores a report or award as a document of the dispute, through the registry. */
  storeDocument(ctx: CommandContext, file: StoredFile, field = 'input'): Promise<DocumentEntity> {
    const { content, uploadId, ...rest } = file;
    return this.documents.store(ctx, { ...rest, content: this.documents.fileOf({ content, uploadId }, field) });
  }

  /** The panelists seated now on the dispute's panel. */
  seated(ctx: CommandContext, disputeId: string): Promise<SeatRow[]> {
    return this.seats.seatsOn(ctx.em, disputeId);
  }

  /** Makes a report's document public or keeps it restricted, through the registry, in the command. */
  reclassify(ctx: CommandContext, documentId: string, classification: 'RESTRICTED' | 'PUBLIC'): Promise<void> {
    return this.documents.reclassify(ctx, documentId, classification);
  }

  /** The actor's seat on this panel, or FORBIDDEN: only the panel deliberates (DSU 14.1). */
  async requireSeat(ctx: CommandContext, disputeId: string): Promise<{ personId: string }> {
    const userId = ctx.actor?.userId;
    const seat = userId && ctx.actor?.role === 'PANELIST' ? await this.seats.seatOf(ctx.em, disputeId, userId) : null;
    if (!seat) throw forbidden('Only a panelist seated on this dispute’s panel may do this', 'NOT_ON_PANEL');
    return { personId: seat.personId };
  }
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
