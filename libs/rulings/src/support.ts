import { Injectable } from '@nestjs/common';
import { CommandContext, forbidden } from '@app/core';
import { DocumentEntity, DocumentsService, PanelSeatsService } from '@app/registry';
import { createHash } from 'node:crypto';

export interface StoredFile {
  disputeId: string;
  kind: 'PANEL_REPORT' | 'COMMENTS_ON_REPORT' | 'APPELLATE_REPORT';
  title: string;
  fileName: string;
  mediaType: string;
  /** base64 */
  content: string;
  classification: 'PUBLIC' | 'RESTRICTED' | 'CONFIDENTIAL';
  readerIds?: string[];
  filedForMemberId?: string | null;
}

export const documentsOf = (em: CommandContext['em']) => em.getRepository(DocumentEntity);

export interface SeatRow {
  personId: string;
  userId: string | null;
  chair: boolean;
}

/** What the rulings' commands share: filing a document inside the command, and the seated panel. */
@Injectable()
export class RulingsSupport {
  constructor(
    private readonly documents: DocumentsService,
    private readonly seats: PanelSeatsService,
  ) {}

  /** Stores a report or award as a document of the dispute, through the registry. */
  storeDocument(ctx: CommandContext, file: StoredFile, field = 'input.content'): Promise<DocumentEntity> {
    const { content, ...rest } = file;
    return this.documents.store(ctx, { ...rest, content: this.documents.decode(content, field) });
  }

  /** The panelists seated now on the dispute's panel. */
  async seated(ctx: CommandContext, disputeId: string): Promise<SeatRow[]> {
    const rows: { person_id: string; user_id: string | null; chair: boolean }[] = await ctx.em.query(
      'SELECT person_id, user_id, chair FROM panel_seats WHERE dispute_id = $1 AND vacated_at IS NULL',
      [disputeId],
    );
    return rows.map((r) => ({ personId: r.person_id, userId: r.user_id, chair: r.chair }));
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
