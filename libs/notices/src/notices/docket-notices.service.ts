import { Injectable, OnModuleInit } from '@nestjs/common';
import { CommandContext, UserEntity, UsersService } from '@app/core';
import type { Language } from '@app/i18n';
import {
  DisputesService,
  DocketEntryEntity,
  DocketObservers,
  DocumentsService,
  PanelSeatsService,
  canSeeDocument,
  docketNumber,
  isThirdParty,
  renderDocketText,
} from '@app/registry';
import { NoticesService } from './notices.service';
import { NoticePreferencesService } from './notice-preferences.service';
import { datePlaceholder, noticeText } from './notice-language';
import { categoryOfKind, isMandatory, type NoticeDraft, type NoticePayload } from './notice-rules';

// The requests to join the consultations (DSU 4.11): the member that asked is told of the answer,
// though it is no third party (yet, or at all).
const JOIN_REQUEST_KINDS = new Set(['joinAsThirdParty', 'acceptJoinRequest', 'rejectJoinRequest']);

/**
 * Serves every docket entry, in the command that appends it (DocketObservers): one notice to each
 * user entitled to it, with what that user may see of it. The recipients are the delegates of the
 * parties and third parties, the panelists seated on the dispute, the secretariat and the readers
 * named on the entry's documents, but never the user who took the step. An entry that links documents is served only on those who may see at
 * least one of them (the document policy), and names only those: a third party is not told of a
 * filing it may not see.
 */
@Injectable()
export class DocketNoticesService implements OnModuleInit {
  /** Entry kinds a module serves itself, with notices of its own (the hearings, to their participants). */
  private readonly servedElsewhere = new Set<string>();

  constructor(
    private readonly observers: DocketObservers,
    private readonly notices: NoticesService,
    private readonly disputes: DisputesService,
    private readonly documents: DocumentsService,
    private readonly seats: PanelSeatsService,
    private readonly users: UsersService,
    private readonly preferences: NoticePreferencesService,
  ) {}

  onModuleInit(): void {
    this.observers.register((ctx, entry) => this.serve(ctx, entry));
  }

  /**
   * A module that serves entries of these kinds itself, with notices that say more than the entry
   * (a hearing's times to its participants): the docket's own notices leave them to it, so that no
   * one is served twice with the same step.
   */
  leaveToModule(kinds: readonly string[]): void {
    for (const kind of kinds) this.servedElsewhere.add(kind);
  }

  /** Serves one entry: one read per kind of data (parties, delegates, seats, panelists, secretariat, documents). */
  async serve(ctx: CommandContext, entry: DocketEntryEntity): Promise<void> {
    if (this.servedElsewhere.has(entry.kind)) return;
    // In the command's transaction, one statement after the other (one connection).
    const parties = await this.disputes.partiesOf(ctx.em, entry.disputeId);
    const seats = await this.seats.seatsOn(ctx.em, entry.disputeId);
    const secretariat = await this.users.activeWithRole(ctx.em, 'SECRETARIAT');
    const documents = await this.documents.byIds(ctx.em, entry.documentIds);
    const served = parties.filter(
      (p) => p.kind !== 'THIRD_PARTY' || isThirdParty(p) || (JOIN_REQUEST_KINDS.has(entry.kind) && p.consultationsStatus !== null),
    );
    const delegates = await this.users.delegatesOf(
      ctx.em,
      served.map((p) => p.memberId),
    );
    const seatedUsers = seats.map((s) => s.userId).filter((id): id is string => id !== null);
    const panelists = await this.users.byIds(ctx.em, seatedUsers, { active: true });
    // The readers a confidential document names may hold no other place in the case.
    const readerIds = documents.flatMap((d) => d.readerIds).filter((id) => !seatedUsers.includes(id));
    const readers = await this.users.byIds(ctx.em, readerIds, { active: true });
    const [dispute] = await this.disputes.byIds(ctx.em, [entry.disputeId]);
    const category = categoryOfKind(entry.kind);
    const number = docketNumber(dispute);
    const seated = new Set(panelists.map((u) => u.id));
    const recipients = new Map<string, UserEntity>();
    for (const user of [...delegates, ...panelists, ...secretariat, ...readers]) recipients.set(user.id, user);
    if (entry.actorId) recipients.delete(entry.actorId);
    const languages = await this.preferences.languagesOf(ctx.em, [...recipients.keys()]);

    const drafts: NoticeDraft[] = [];
    for (const user of recipients.values()) {
      const onPanel = seated.has(user.id);
      const visible = documents.filter((doc) =>
        canSeeDocument({ userId: user.id, role: user.role, memberId: user.memberId }, { parties, viewerOnPanel: onPanel }, doc),
      );
      // A step filed with documents none of which the user may see is, for that user, not a step to serve.
      if (entry.documentIds.length && !visible.length) continue;
      const participant = user.role !== 'SECRETARIAT';
      // The notice is in the recipient's language (README, "Notices by e-mail").
      const language = languages.get(user.id) ?? 'en';
      const t = noticeText(language);
      const sentence = entrySentence(entry, language);
      const filed = visible.map((d) => t('docketDocument', { title: d.title, classification: d.classification.toLowerCase() }));
      const payload: NoticePayload = {
        subject: t('docketSubject', { number, sentence: firstSentence(sentence) }),
        lines: [
          sentence,
          ...(visible.length ? [t('docketFiledWith', { documents: filed.join('; ') })] : []),
          t('docketEntry', { seq: String(entry.seq), number, occurredAt: datePlaceholder('occurredAt') }),
        ],
        language,
        docketNumber: number,
        disputeId: entry.disputeId,
        entrySeq: entry.seq,
        ...(visible.length ? { documents: visible.map((d) => ({ id: d.id, title: d.title, classification: d.classification })) } : {}),
        dates: { occurredAt: entry.occurredAt.toISOString() },
      };
      drafts.push({
        recipientUserId: user.id,
        memberId: user.role === 'MEMBER_DELEGATE' ? user.memberId : null,
        disputeId: entry.disputeId,
        docketEntryId: entry.id,
        category,
        kind: entry.kind,
        mandatory: isMandatory(category, participant),
        payload,
      });
    }
    await this.notices.enqueue(ctx, drafts);
  }
}

/**
 * What the entry says, in the recipient's language: its message rendered by the registry; in
 * English the text the docket wrote, byte for byte.
 */
function entrySentence(entry: DocketEntryEntity, language: Language): string {
  return language === 'en' ? entry.text : renderDocketText(entry, language);
}

/** The entry's first sentence, for a mail's subject (at most 120 characters). */
function firstSentence(text: string): string {
  const first = /^.*?[.!?](\s|$)/.exec(text)?.[0].trim() ?? text;
  return first.length > 120 ? `${first.slice(0, 119)}…` : first;
}
