import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, RequestLoaders, notFound } from '@app/core';
import {
  DisputesService,
  DocketService,
  DocumentsService,
  docketNumber,
  renderDocketText,
  type DisputeEntity,
  type DocketEntryEntity,
  type DocumentEntity,
} from '@app/registry';
import { DEFAULT_LANGUAGE, type Language } from '@app/i18n';
import { DataSource } from 'typeorm';
import { AtomEntry, AtomFeed, buildAtom, markFeedsAsSandbox } from './atom';

/** Entries in a docket feed: the latest, newest first. */
export const FEED_ENTRIES = 100;
/** The feed of every dispute's docket has a fixed id of its own (RFC 4287 §4.2.6: it never changes). */
export const DOCKET_FEED_ID = '3b5cbd1c-4a57-4c0e-9a39-6a1f1c7e2d01';
export const FEED_AUTHOR = { name: 'Dispute Settlement Body, Registry' };

/**
 * The public Atom feeds of the docket: the latest entries of all disputes, and of one. Only what
 * the public may read goes in: the docket's own text (which names a non-public filing by its kind
 * only, libs/registry/src/documents/document-policy.ts) and the documents an anonymous reader may
 * see, through the registry's one policy (DocumentsService.visibleById with no actor: PUBLIC).
 */
@Injectable()
export class DocketFeedsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly docket: DocketService,
    private readonly disputes: DisputesService,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    markFeedsAsSandbox(config.SANDBOX);
  }

  async allDisputes(base: string, language: Language = DEFAULT_LANGUAGE): Promise<string> {
    const entries = await this.docket.latest(FEED_ENTRIES);
    const disputes = await this.disputes.byIds(this.dataSource.manager, [...new Set(entries.map((e) => e.disputeId))]);
    return this.render(
      {
        id: DOCKET_FEED_ID,
        title: 'The docket of the Dispute Settlement Body',
        subtitle: `The latest ${FEED_ENTRIES} entries of every dispute's docket`,
        self: `${base}/feeds/docket.atom`,
      },
      entries,
      new Map(disputes.map((d) => [d.id, d])),
      base,
      language,
    );
  }

  /** One dispute's feed, by its docket number (DS7); NOT_FOUND for a number no dispute has. */
  async oneDispute(base: string, number: string, language: Language = DEFAULT_LANGUAGE): Promise<string> {
    if (!/^DS\d{1,9}$/i.test(number)) throw notFound('Feed', number, 'FEED_NOT_FOUND');
    // DISPUTE_NOT_FOUND (HTTP 404) for a number no dispute has, as the `dispute` query says.
    const dispute = await this.disputes.get({ docketNumber: number });
    const entries = await this.docket.latest(FEED_ENTRIES, dispute.id);
    const name = docketNumber(dispute);
    return this.render(
      {
        id: dispute.id,
        title: `${name}: ${dispute.title}`,
        subtitle: `The latest ${FEED_ENTRIES} entries of the docket of ${name}`,
        self: `${base}/feeds/disputes/${name}.atom`,
      },
      entries,
      new Map([[dispute.id, dispute]]),
      base,
      language,
    );
  }

  private async render(
    feed: Pick<AtomFeed, 'id' | 'title' | 'subtitle' | 'self'>,
    entries: readonly DocketEntryEntity[],
    disputes: ReadonlyMap<string, DisputeEntity>,
    base: string,
    language: Language,
  ): Promise<string> {
    // Anonymous: the policy lets through PUBLIC documents only. One statement for the whole feed.
    const ids = [...new Set(entries.flatMap((e) => e.documentIds))];
    const visible = ids.length ? await this.documents.visibleById(null, new RequestLoaders()).loadMany(ids) : [];
    const documents = new Map<string, DocumentEntity>();
    for (const doc of visible) if (doc && !(doc instanceof Error)) documents.set(doc.id, doc);
    const atomEntries: AtomEntry[] = entries.map((entry) => {
      const dispute = disputes.get(entry.disputeId);
      const name = dispute ? docketNumber(dispute) : 'DS?';
      const docs = entry.documentIds.map((id) => documents.get(id)).filter((d): d is DocumentEntity => d !== undefined);
      // English is the text written at append (byte for byte); another language is rendered now.
      const text = language === DEFAULT_LANGUAGE ? entry.text : renderDocketText(entry, language);
      return {
        id: entry.id,
        title: `${name} #${entry.seq}: ${oneLine(text)}`,
        updated: entry.occurredAt,
        published: entry.occurredAt,
        link: `${base}/feeds/disputes/${name}.atom`,
        links: docs.map((d) => ({
          href: `${base}/documents/${d.id}/content`,
          rel: 'enclosure' as const,
          type: d.mediaType,
          title: d.title,
        })),
        categories: [entry.kind],
        content: [text, ...docs.map((d) => `Document: ${d.title}`)].join('\n'),
      };
    });
    return buildAtom({
      ...feed,
      updated: entries[0]?.occurredAt ?? this.clock.now(),
      author: FEED_AUTHOR,
      entries: atomEntries,
    });
  }
}

/** A title of one line, at most 140 characters. */
export function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}
