import { Controller, Get, Req, Res } from '@nestjs/common';
import { Clock, ConnectionArgs, Public, ReadReplicas, RequestLoaders } from '@app/core';
import { FEED_AUTHOR, buildAtom, feedBase, sendAtom, type AtomEntry, type AtomLink } from '@app/notices';
import { docketNumber } from '@app/registry';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReportViewService } from './report-view.service';

/** Adopted reports in the feed: the 100 newest filings (a page of `adoptedReports`). */
export const REPORTS_FEED_ENTRIES = 100;
/** The feed's own id, fixed (RFC 4287 §4.2.6). */
export const REPORTS_FEED_ID = '9a1c4b7e-2d3f-4e58-b6a0-7c1d2e3f4a5b';

/**
 * The adopted reports as an Atom feed (RFC 4287), built with @app/notices's builder. Each report is
 * read as the public reads it (ReportViewService with no actor, the `adoptedReports` query's
 * path), and only PUBLIC documents are linked: the circulated versions (DSU 16.1, 17.5). Read
 * from a read replica that holds the current version when there is one (README, "Running on
 * several machines").
 */
@Controller('feeds')
export class ReportsFeedController {
  constructor(
    private readonly views: ReportViewService,
    private readonly clock: Clock,
    private readonly replicas: ReadReplicas,
  ) {}

  @Public()
  @Get('reports.atom')
  async reports(@Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    sendAtom(res, await this.replicas.anonymous(req, () => this.feed(req)));
  }

  private async feed(req: FastifyRequest): Promise<string> {
    const base = feedBase(req);
    const page = await this.views.adopted(Object.assign(new ConnectionArgs(), { first: REPORTS_FEED_ENTRIES }));
    const reports = await this.views.viewAll(null, page.nodes, new RequestLoaders());
    const entries: AtomEntry[] = page.nodes.map((dispute, i) => {
      const report = reports[i];
      const name = docketNumber(dispute);
      const documents = report.versions
        .map((v) => v.document)
        .filter((d): d is NonNullable<typeof d> => d !== null && d.classification === 'PUBLIC');
      const adoptions = report.meetings.filter((m) => m.outcome === 'ADOPTED');
      const adoptedAt = adoptions.at(-1)?.heldAt ?? dispute.filedAt;
      const lastPublic = report.versions.filter((v) => v.document?.classification === 'PUBLIC').at(-1);
      const links: AtomLink[] = documents.map((d) => ({ href: `${base}/documents/${d.id}/content`, rel: 'enclosure', title: d.title }));
      return {
        // The adopted version's id: the dispute's own id is its docket feed's.
        id: lastPublic?.id ?? dispute.id,
        title: `${name}: ${dispute.title}, report adopted`,
        updated: adoptedAt,
        published: adoptedAt,
        link: `${base}/feeds/disputes/${name}.atom`,
        links,
        categories: ['REPORT_ADOPTED'],
        content: [
          `The body adopted the report in ${name} (${dispute.title}) on ${adoptedAt.toISOString().slice(0, 10)}.`,
          ...documents.map((d) => `Document: ${d.title}`),
        ].join('\n'),
      };
    });
    const updated = entries.reduce<Date | null>((max, e) => (!max || e.updated > max ? e.updated : max), null);
    return buildAtom({
      id: REPORTS_FEED_ID,
      title: 'Adopted reports of the Dispute Settlement Body',
      updated: updated ?? this.clock.now(),
      author: FEED_AUTHOR,
      self: `${base}/feeds/reports.atom`,
      entries,
    });
  }
}
