import { Injectable } from '@nestjs/common';
import { Actor, CommandRunner, MembersService, forbidden, notFound, requireActor } from '@app/core';
import { isUUID } from 'class-validator';
import { DisputesService, isPanelThirdParty } from '@app/registry';
import { EntityManager } from 'typeorm';
import { RosterPersonEntity } from '../roster/roster-person.entity';
import { EligibilityInput, EligibilityResult, evaluateEligibility } from './eligibility';

export interface EligibilityReportData {
  result: EligibilityResult;
  /** Every person the result names, by id. */
  persons: Map<string, RosterPersonEntity>;
}

/**
 * Loads what {@link evaluateEligibility} needs for one dispute. The persons considered are the
 * APPROVED roster, plus REMOVED persons this dispute's own record names (a disclosure touching it,
 * a challenge or a consent in it), so that the report explains why a former candidate is out
 * (NOT_APPROVED). Nominations not (yet) approved are left out: they were never candidates, and
 * listing them would publish to the parties a nomination the roster does not show.
 */
@Injectable()
export class EligibilityService {
  constructor(
    private readonly commands: CommandRunner,
    private readonly disputes: DisputesService,
    private readonly members: MembersService,
  ) {}

  /** Who may sit on the dispute's panel and why the others may not, in the caller's transaction. */
  async evaluate(em: EntityManager, disputeId: string): Promise<EligibilityResult> {
    return (await this.evaluateWithPersons(em, disputeId)).result;
  }

  /** The same, with the entity of every person the result names (for callers that need names). */
  async evaluateWithPersons(em: EntityManager, disputeId: string): Promise<EligibilityReportData> {
    await this.requireDispute(em, disputeId);
    return this.load(em, disputeId);
  }

  /** The report behind `eligibleCandidates`: the secretariat and the parties' delegates only. */
  async report(actor: Actor | null, disputeId: string): Promise<EligibilityReportData> {
    const viewer = requireActor(actor);
    return this.commands.read(async (em) => {
      await this.requireDispute(em, disputeId);
      if (viewer.role !== 'SECRETARIAT') {
        const place = (await this.disputes.partiesOf(em, disputeId)).find(
          (p) => p.memberId === viewer.memberId && (p.kind === 'COMPLAINANT' || p.kind === 'RESPONDENT'),
        );
        if (viewer.role !== 'MEMBER_DELEGATE' || !place) {
          throw forbidden("Only the secretariat and the parties see a dispute's eligible candidates", 'NOT_A_PARTY');
        }
      }
      return this.load(em, disputeId);
    });
  }

  private async load(em: EntityManager, disputeId: string): Promise<EligibilityReportData> {
    // One after the other: a transaction's queries share one connection. DSU 8.3 bars nationals of
    // "third parties as defined in paragraph 2 of Article 10": those in the panel proceedings, not
    // a member that only joined (or asked to join) the consultations.
    const places = (await this.disputes.partiesOf(em, disputeId)).filter(
      (p) => p.kind === 'COMPLAINANT' || p.kind === 'RESPONDENT' || isPanelThirdParty(p),
    );
    const persons = await em
      .getRepository(RosterPersonEntity)
      .createQueryBuilder('p')
      .where(`p.status = 'APPROVED'`)
      .orWhere(
        `p.status = 'REMOVED' AND p.id IN (
           SELECT person_id FROM disclosures WHERE dispute_id = :disputeId
           UNION SELECT person_id FROM challenges WHERE dispute_id = :disputeId
           UNION SELECT person_id FROM nationality_consents WHERE dispute_id = :disputeId)`,
        { disputeId },
      )
      .orderBy('p.name')
      .addOrderBy('p.id')
      .getMany();
    const consents: EligibilityInput['consents'][number][] = await em.query(
      `SELECT person_id AS "personId", member_id AS "memberId" FROM nationality_consents WHERE dispute_id = $1`,
      [disputeId],
    );
    const disclosures: EligibilityInput['disclosures'][number][] = await em.query(
      `SELECT person_id AS "personId", status FROM disclosures WHERE dispute_id = $1`,
      [disputeId],
    );
    const filed: { personId: string; status: EligibilityInput['challenges'][number]['status']; byMemberId: string }[] = await em.query(
      `SELECT person_id AS "personId", status, by_member_id AS "byMemberId" FROM challenges WHERE dispute_id = $1 ORDER BY filed_at`,
      [disputeId],
    );
    // The members' codes from core, which owns them: one query for the parties and the challengers.
    const codes = new Map(
      (await this.members.byIds(em, [...places.map((p) => p.memberId), ...filed.map((c) => c.byMemberId)])).map((m) => [m.id, m.code]),
    );
    const parties: EligibilityInput['parties'][number][] = places
      .map((p) => ({ memberId: p.memberId, code: codes.get(p.memberId) as string, kind: p.kind, joinedAt: p.joinedAt.getTime() }))
      .sort((a, b) => a.joinedAt - b.joinedAt || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map(({ memberId, code, kind }) => ({ memberId, code, kind }));
    const challenges: EligibilityInput['challenges'][number][] = filed.map((c) => ({
      personId: c.personId,
      status: c.status,
      byMemberCode: codes.get(c.byMemberId) as string,
    }));
    const result = evaluateEligibility({ parties, persons, consents, disclosures, challenges });
    return { result, persons: new Map(persons.map((p) => [p.id, p])) };
  }

  private async requireDispute(em: EntityManager, disputeId: string): Promise<void> {
    const rows = isUUID(disputeId) ? await this.disputes.byIds(em, [disputeId]) : [];
    if (!rows.length) throw notFound('Dispute', disputeId, 'DISPUTE_NOT_FOUND');
  }
}
