import { Injectable, OnModuleInit } from '@nestjs/common';
import { CommandContext, UserEntity, UsersService } from '@app/core';
import type { Language } from '@app/i18n';
import {
  DisputesService,
  DocketEntryEntity,
  DocketObservers,
  DocumentsService,
  type EntryReads,
  UNSHARED_READS,
  PanelSeatsService,
  canSeeDocument,
  docketNumber,
  isThirdParty,
  renderDocketText,
} from '@app/registry';
import { NoticesService } from './notices.service';
import { NoticePreferencesService } from './notice-preferences.service';
import { datePlaceholder, noticeLanguage, noticeText } from './notice-language';
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
    this.observers.register((ctx, entry, shared) => this.serve(ctx, entry, shared));
  }

  /**
   * A module that serves entries of these kinds itself, with notices that say more than the entry
   * (a hearing's times to its participants): the docket's own notices leave them to it, so that no
   * one is served twice with the same step.
   */
  leaveToModule(kinds: readonly string[]): void {
    for (const kind of kinds) this.servedElsewhere.add(kind);
  }

  /**
   * Serves one entry. Every command that appends an entry pays for this, so it reads each kind of
   * data once, and the recipients in one statement: the parties, the seats, the entry's documents
   * (if any), the users (secretariat, delegates, panelists and readers together), the dispute, the
   * recipients' preferences (their language, and what `enqueue` needs of them), then one insert.
   */
  async serve(ctx: CommandContext, entry: DocketEntryEntity, shared: EntryReads = UNSHARED_READS): Promise<void> {
    if (this.servedElsewhere.has(entry.kind)) return;
    // In the command's transaction, one statement after the other (one connection). The parties
    // and the dispute are read once for every observer of the entry (the webhooks need them too).
    const parties = await shared.once('parties', () => this.disputes.partiesOf(ctx.em, entry.disputeId));
    const seats = await this.seats.seatsOn(ctx.em, entry.disputeId);
    const documents = await this.documents.byIds(ctx.em, entry.documentIds);
    const served = parties.filter(
      (p) => p.kind !== 'THIRD_PARTY' || isThirdParty(p) || (JOIN_REQUEST_KINDS.has(entry.kind) && p.consultationsStatus !== null),
    );
    const servedMembers = new Set(served.map((p) => p.memberId));
    const seatedUsers = seats.map((s) => s.userId).filter((id): id is string => id !== null);
    // The readers a confidential document names may hold no other place in the case.
    const readerIds = documents.flatMap((d) => d.readerIds).filter((id) => !seatedUsers.includes(id));
    const users = await this.users.activeAmong(ctx.em, {
      role: 'SECRETARIAT',
      delegatesOf: [...servedMembers],
      ids: [...seatedUsers, ...readerIds],
    });
    const delegates = users.filter((u) => u.role === 'MEMBER_DELEGATE' && u.memberId !== null && servedMembers.has(u.memberId));
    const panelists = users.filter((u) => seatedUsers.includes(u.id));
    // As UsersService.activeWithRole bounds them: at most 500, by e-mail.
    const secretariat = users
      .filter((u) => u.role === 'SECRETARIAT')
      .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0))
      .slice(0, 500);
    const readers = users.filter((u) => readerIds.includes(u.id));
    const [dispute] = await shared.once('dispute', () => this.disputes.byIds(ctx.em, [entry.disputeId]));
    const category = categoryOfKind(entry.kind);
    const number = docketNumber(dispute);
    const seated = new Set(panelists.map((u) => u.id));
    const recipients = new Map<string, UserEntity>();
    for (const user of [...delegates, ...panelists, ...secretariat, ...readers]) recipients.set(user.id, user);
    if (entry.actorId) recipients.delete(entry.actorId);
    const preferences = await this.preferences.preferencesOf(ctx.em, [...recipients.keys()]);

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
      const language = noticeLanguage(preferences.get(user.id)?.locale);
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
    await this.notices.enqueue(ctx, drafts, preferences);
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
