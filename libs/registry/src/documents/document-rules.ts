import type { DocumentKind } from './document.entity';

/** What a filing says about itself: what a retry with the same idempotency key must repeat. */
export interface FilingFacts {
  disputeId: string;
  kind: string;
  title: string;
  fileName: string;
  mediaType: string;
  sha256: string;
  classification: string;
  readerIds: readonly string[];
  panelOnly: boolean;
  summaryOfId: string | null;
  /** The filing language (en when not said). */
  language?: string;
  /** The title in other languages, by language. */
  titleTranslations?: Readonly<Record<string, string>>;
}

/** The same texts under the same keys, in any order. */
function sameTexts(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/**
 * The facts in which a filing differs from the one first filed under its idempotency key (empty:
 * a retry of the same filing). An idempotency key stands for one filing: a retry returns the
 * first result, but a different filing under a used key would silently return a document the
 * filer did not send, so it is refused instead.
 */
export function filingDifferences(first: FilingFacts, retry: FilingFacts): string[] {
  const same = (a: readonly string[], b: readonly string[]) => [...a].sort().join(',') === [...b].sort().join(',');
  const checks: [string, boolean][] = [
    ['dispute', first.disputeId === retry.disputeId],
    ['kind', first.kind === retry.kind],
    ['title', first.title === retry.title],
    ['file name', first.fileName === retry.fileName],
    // Stored in lower case: media types are case-insensitive (RFC 6838).
    ['media type', first.mediaType === retry.mediaType.toLowerCase()],
    ['content', first.sha256 === retry.sha256],
    ['classification', first.classification === retry.classification],
    ['readers', same(first.readerIds, retry.readerIds) && first.panelOnly === retry.panelOnly],
    ['summarised submission', first.summaryOfId === retry.summaryOfId],
    ['language', (first.language ?? 'en') === (retry.language ?? 'en')],
    ['title translations', sameTexts(first.titleTranslations ?? {}, retry.titleTranslations ?? {})],
  ];
  return checks.filter(([, equal]) => !equal).map(([what]) => what);
}

/**
 * A member's written submissions to the panel, with their exhibits and written answers: confidential
 * (DSU 18.2), made available to the parties and the panel, and to third parties the first ones
 * (DSU 10.3). Only the member that filed one may make it public, or give a public summary of it.
 */
export const WRITTEN_SUBMISSION_KINDS: readonly DocumentKind[] = [
  'FIRST_WRITTEN_SUBMISSION',
  'REBUTTAL',
  'THIRD_PARTY_SUBMISSION',
  'ANSWERS_TO_QUESTIONS',
  'EXHIBIT',
];

export const isWrittenSubmission = (kind: DocumentKind): boolean => WRITTEN_SUBMISSION_KINDS.includes(kind);

/**
 * Why the secretariat may never derestrict a document of this kind, or null when it may. What
 * the body publishes of a panel's work is its report, on circulation (DSU 16.1, 17.5 for the
 * appellate report); its deliberations are confidential (DSU 14.1), so the drafts, the descriptive
 * part, the interim report and the parties' comments on it stay restricted for ever. A written
 * submission is the author's to disclose, not the body's (DSU 18.2).
 */
export function neverPublicBecause(kind: DocumentKind): string | null {
  if (kind === 'PANEL_REPORT') {
    return 'A panel report is published only by circulating the final report (DSU 16.1); its drafts, descriptive part and interim report belong to the confidential deliberations of the panel and are never published (DSU 14.1, 18.2)';
  }
  if (kind === 'COMMENTS_ON_REPORT') {
    return "The parties' comments on the interim report are never published: they belong to the confidential deliberations of the panel (DSU 14.1, 15.2, 18.2)";
  }
  if (isWrittenSubmission(kind)) {
    return 'A written submission to the panel is confidential (DSU 18.2; 14.1): only the member that filed it may make it public (publishOwnSubmission)';
  }
  return null;
}

/** A kind as words: FIRST_WRITTEN_SUBMISSION → first written submission. */
export const kindLabel = (kind: string): string => kind.toLowerCase().replace(/_/g, ' ');
