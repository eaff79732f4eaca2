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
  ];
  return checks.filter(([, equal]) => !equal).map(([what]) => what);
}
