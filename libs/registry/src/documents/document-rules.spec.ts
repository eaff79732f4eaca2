import { WRITTEN_SUBMISSION_KINDS, filingDifferences, neverPublicBecause, type FilingFacts } from './document-rules';

const filing: FilingFacts = {
  disputeId: 'd1',
  kind: 'REBUTTAL',
  title: 'Rebuttal',
  fileName: 'r.pdf',
  mediaType: 'application/pdf',
  sha256: 'a'.repeat(64),
  classification: 'CONFIDENTIAL',
  readerIds: ['u1', 'u2'],
  panelOnly: false,
  summaryOfId: null,
};

describe('filingDifferences (idempotency keys)', () => {
  it('finds none in a retry of the same filing, readers in any order, media type in any case', () => {
    expect(filingDifferences(filing, { ...filing, readerIds: ['u2', 'u1'], mediaType: 'Application/PDF' })).toEqual([]);
  });

  it.each([
    ['dispute', { disputeId: 'd2' }],
    ['kind', { kind: 'EXHIBIT' }],
    ['title', { title: 'Another' }],
    ['file name', { fileName: 'x.pdf' }],
    ['media type', { mediaType: 'text/plain' }],
    ['content', { sha256: 'b'.repeat(64) }],
    ['classification', { classification: 'RESTRICTED' }],
    ['readers', { readerIds: ['u1'] }],
    ['readers', { panelOnly: true }],
    ['language', { language: 'fr' }],
    ['title translations', { titleTranslations: { fr: 'Réplique' } }],
    ['summarised submission', { summaryOfId: 'doc' }],
  ] as const)('names the %s', (what, change) => {
    expect(filingDifferences(filing, { ...filing, ...change })).toEqual([what]);
  });

  it('names every difference', () => {
    expect(filingDifferences(filing, { ...filing, title: 'T', sha256: 'c'.repeat(64) })).toEqual(['title', 'content']);
  });
});

describe('neverPublicBecause (derestriction)', () => {
  it.each(['PANEL_REPORT', 'COMMENTS_ON_REPORT', ...WRITTEN_SUBMISSION_KINDS] as const)(
    'never lets the secretariat publish a %s, citing the DSU',
    (kind) => {
      expect(neverPublicBecause(kind)).toMatch(/DSU 14\.1|DSU 18\.2/);
    },
  );

  it.each(['REQUEST_FOR_CONSULTATIONS', 'NOTIFICATION', 'HEARING_RECORD', 'OTHER'] as const)('lets it publish a %s', (kind) => {
    expect(neverPublicBecause(kind)).toBeNull();
  });
});
