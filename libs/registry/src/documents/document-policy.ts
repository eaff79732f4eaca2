import type { Role } from '@app/core';
import { isPanelThirdParty, PANEL_THIRD_PARTY_SQL, type DisputePartyEntity } from '../disputes/dispute-party.entity';
import type { Classification, DocumentKind } from './document.entity';

/**
 * Who may see a document: the one access policy, applied on every path (a dispute's documents,
 * `document(id)`, docket entry links, search, the download endpoint). A document someone may not
 * see does not exist for them: not its content, not its title.
 *
 * - PUBLIC: anyone, signed in or not.
 * - RESTRICTED: the secretariat; the parties; the panel; a member for what it filed itself; a
 *   third party in the panel proceedings (DSU 10.2) for the parties' first written submissions
 *   (DSU 10.3). Joining the consultations (DSU 4.11) gives no right to the panel's documents.
 * - CONFIDENTIAL (business-confidential information): only the people named on the document, its
 *   filer and, when it is for the panel (`panelOnly`), the panelists seated on the dispute's panel
 *   at the time it is read (DSU 18.2: submissions to the panel are confidential).
 */
export interface Viewer {
  userId: string | null;
  role: Role | null;
  memberId: string | null;
}

export interface PolicyDocument {
  classification: Classification;
  kind: DocumentKind;
  filedById: string;
  filedForMemberId: string | null;
  readerIds: readonly string[];
  /** CONFIDENTIAL: the seated panel reads it too. */
  panelOnly: boolean;
}

/** The viewer's place in the dispute the document belongs to, and the parties of that dispute. */
export interface PolicyDispute {
  parties: readonly Pick<DisputePartyEntity, 'memberId' | 'kind' | 'consultationsStatus' | 'panelJoinedAt'>[];
  /** Whether the viewer sits on this dispute's panel. */
  viewerOnPanel: boolean;
}

// DSU 10.3: third parties receive the submissions of the parties to the first meeting.
export const THIRD_PARTY_KINDS: readonly DocumentKind[] = ['FIRST_WRITTEN_SUBMISSION'];

export function canSeeDocument(viewer: Viewer, dispute: PolicyDispute, doc: PolicyDocument): boolean {
  if (doc.classification === 'PUBLIC') return true;
  if (!viewer.userId) return false;
  if (doc.filedById === viewer.userId) return true;
  if (doc.classification === 'CONFIDENTIAL') return doc.readerIds.includes(viewer.userId) || (doc.panelOnly && dispute.viewerOnPanel);
  // RESTRICTED
  if (viewer.role === 'SECRETARIAT' || dispute.viewerOnPanel) return true;
  if (viewer.role !== 'MEMBER_DELEGATE' || !viewer.memberId) return false;
  if (doc.filedForMemberId === viewer.memberId) return true;
  const place = dispute.parties.find((p) => p.memberId === viewer.memberId);
  if (place?.kind === 'COMPLAINANT' || place?.kind === 'RESPONDENT') return true;
  if (!isPanelThirdParty(place)) return false;
  const filedByParty = dispute.parties.some(
    (p) => p.memberId === doc.filedForMemberId && (p.kind === 'COMPLAINANT' || p.kind === 'RESPONDENT'),
  );
  return filedByParty && THIRD_PARTY_KINDS.includes(doc.kind);
}

/**
 * The same policy as a SQL condition on a `documents` row aliased `alias`, for lists and search,
 * so that pages are filled with visible documents only. Parameters are prefixed `policy`.
 */
export function documentVisibilitySql(
  viewer: Viewer,
  alias: string,
  panelDisputeIds: readonly string[] = [],
): { sql: string; params: Record<string, unknown> } {
  const d = alias;
  if (!viewer.userId) return { sql: `${d}.classification = 'PUBLIC'`, params: {} };
  const params: Record<string, unknown> = {
    policyUser: viewer.userId,
    policyMember: viewer.memberId,
    policyPanel: panelDisputeIds.length ? [...panelDisputeIds] : ['00000000-0000-0000-0000-000000000000'],
    policyThirdPartyKinds: [...THIRD_PARTY_KINDS],
  };
  const placeIs = (condition: string) =>
    `EXISTS (SELECT 1 FROM dispute_parties pp WHERE pp.dispute_id = ${d}.dispute_id AND pp.member_id = :policyMember AND ${condition})`;
  const restricted =
    viewer.role === 'SECRETARIAT'
      ? 'TRUE'
      : [
          `${d}.dispute_id IN (:...policyPanel)`,
          ...(viewer.role === 'MEMBER_DELEGATE' && viewer.memberId
            ? [
                `${d}.filed_for_member_id = :policyMember`,
                placeIs(`pp.kind IN ('COMPLAINANT', 'RESPONDENT')`),
                `(${placeIs(PANEL_THIRD_PARTY_SQL('pp'))} AND ${d}.kind IN (:...policyThirdPartyKinds) AND EXISTS (
                  SELECT 1 FROM dispute_parties fp WHERE fp.dispute_id = ${d}.dispute_id
                  AND fp.member_id = ${d}.filed_for_member_id AND fp.kind IN ('COMPLAINANT', 'RESPONDENT')))`,
              ]
            : []),
        ].join(' OR ');
  return {
    sql: `(${d}.classification = 'PUBLIC' OR ${d}.filed_by_id = :policyUser
      OR (${d}.classification = 'CONFIDENTIAL' AND (:policyUser = ANY(${d}.reader_ids)
          OR (${d}.panel_only AND ${d}.dispute_id IN (:...policyPanel))))
      OR (${d}.classification = 'RESTRICTED' AND (${restricted})))`,
    params,
  };
}
