import { canSeeDocument, type PolicyDispute, type PolicyDocument, type Viewer } from './document-policy';

const parties: PolicyDispute['parties'] = [
  { memberId: 'CHN', kind: 'COMPLAINANT', consultationsStatus: null, panelJoinedAt: null },
  { memberId: 'PAK', kind: 'RESPONDENT', consultationsStatus: null, panelJoinedAt: null },
  { memberId: 'KAZ', kind: 'THIRD_PARTY', consultationsStatus: 'ACCEPTED', panelJoinedAt: new Date('2026-03-02T09:00:00Z') },
];
const confidential: PolicyDocument = {
  classification: 'CONFIDENTIAL',
  kind: 'EXHIBIT',
  filedById: 'filer',
  filedForMemberId: 'CHN',
  readerIds: ['reader'],
  panelOnly: false,
};
const panelist = (userId: string): Viewer => ({ userId, role: 'PANELIST', memberId: null });

describe('canSeeDocument: confidential documents', () => {
  it('lets the filer and the named readers see it, and nobody else', () => {
    const seated = { parties, viewerOnPanel: true };
    expect(
      canSeeDocument({ userId: 'filer', role: 'MEMBER_DELEGATE', memberId: 'CHN' }, { parties, viewerOnPanel: false }, confidential),
    ).toBe(true);
    expect(canSeeDocument(panelist('reader'), { parties, viewerOnPanel: false }, confidential)).toBe(true);
    expect(canSeeDocument(panelist('other'), seated, confidential)).toBe(false);
    expect(canSeeDocument({ userId: 'sec', role: 'SECRETARIAT', memberId: null }, seated, confidential)).toBe(false);
    expect(canSeeDocument({ userId: 'colleague', role: 'MEMBER_DELEGATE', memberId: 'CHN' }, seated, confidential)).toBe(false);
  });

  it('lets whoever sits on the panel when it is read see a document for the panel', () => {
    const forPanel = { ...confidential, readerIds: [], panelOnly: true };
    expect(canSeeDocument(panelist('later'), { parties, viewerOnPanel: true }, forPanel)).toBe(true);
    expect(canSeeDocument(panelist('left'), { parties, viewerOnPanel: false }, forPanel)).toBe(false);
    expect(canSeeDocument({ userId: 'sec', role: 'SECRETARIAT', memberId: null }, { parties, viewerOnPanel: false }, forPanel)).toBe(false);
    expect(canSeeDocument({ userId: null, role: null, memberId: null }, { parties, viewerOnPanel: false }, forPanel)).toBe(false);
  });
});
