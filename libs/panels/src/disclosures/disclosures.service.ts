import { Injectable } from '@nestjs/common';
import { Actor, CommandRunner, DomainError, Page, forbidden, keysetPage, notFound, requireActor, requireRole } from '@app/core';
import { DisputesService, DocketService } from '@app/registry';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { ElectionClosingService } from '../elections/election-closing.service';
import { RosterPersonEntity } from '../roster/roster-person.entity';
import { RosterService } from '../roster/roster.service';
import { DisclosureEntity } from './disclosure.entity';
import { DeclareDisclosureInput, DecideDisclosureArgs, DisclosuresArgs } from './dto/disclosure.input';

/**
 * Disclosures under the Rules of Conduct (WT/DSB/RC/1, III and VI): a person discloses any
 * interest that could raise justifiable doubts, throughout; the secretariat decides whether it is
 * a conflict. Their content is private to the secretariat, the person and, for an interest
 * touching a dispute, that dispute's parties (who may challenge a candidate, DSU 8.6); the public
 * docket records only that a disclosure was made and decided.
 */
@Injectable()
export class DisclosuresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly roster: RosterService,
    private readonly disputes: DisputesService,
    private readonly docket: DocketService,
    private readonly panel: ElectionClosingService,
  ) {}

  declare(actor: Actor | null, input: DeclareDisclosureInput): Promise<DisclosureEntity> {
    const declarer = requireRole(actor, 'PANELIST', 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'declareDisclosure' }, async (ctx) => {
      // The dispute before the person: the order every command here takes its locks in.
      if (input.disputeId) await this.disputes.lockForUpdate(ctx, input.disputeId, true);
      const person = await this.roster.lock(ctx, input.personId);
      if (declarer.role === 'PANELIST' && person.userId !== declarer.userId) {
        throw forbidden('Only the person themselves or the secretariat may declare their interests', 'NOT_YOUR_ROSTER_ENTRY');
      }
      if (person.status !== 'NOMINATED' && person.status !== 'APPROVED') {
        throw new DomainError(
          'INVALID_TRANSITION',
          'PERSON_NOT_ON_ROSTER',
          `The person is ${person.status.toLowerCase()}, not on the roster`,
        );
      }
      const saved = await ctx.em.getRepository(DisclosureEntity).save(
        ctx.em.create(DisclosureEntity, {
          personId: person.id,
          kind: input.kind,
          text: input.text,
          disputeId: input.disputeId ?? null,
          status: 'OPEN',
          declaredAt: ctx.now,
          decidedAt: null,
          decisionReason: null,
        }),
      );
      if (saved.disputeId) {
        await this.docket.append(ctx, {
          disputeId: saved.disputeId,
          actorRole: declarer.role,
          kind: 'declareDisclosure',
          message: 'docket.declareDisclosure',
          params: {},
        });
      }
      ctx.target('Disclosure', saved.id, { personId: person.id, kind: saved.kind, disputeId: saved.disputeId });
      return saved;
    });
  }

  decide(actor: Actor | null, args: DecideDisclosureArgs): Promise<DisclosureEntity> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'decideDisclosure' }, async (ctx) => {
      const repo = ctx.em.getRepository(DisclosureEntity);
      const found = isUUID(args.id) ? await repo.findOneBy({ id: args.id }) : null;
      if (!found) throw notFound('Disclosure', args.id, 'DISCLOSURE_NOT_FOUND');
      if (found.disputeId) await this.disputes.lockForUpdate(ctx, found.disputeId, true);
      const disclosure = await repo.findOneOrFail({ where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
      if (disclosure.status !== 'OPEN') {
        throw new DomainError(
          'INVALID_TRANSITION',
          'DISCLOSURE_ALREADY_DECIDED',
          `The disclosure was already decided: ${disclosure.status}`,
          {
            status: disclosure.status,
          },
        );
      }
      disclosure.status = args.upheld ? 'UPHELD' : 'CLEARED';
      disclosure.decidedAt = ctx.now;
      disclosure.decisionReason = args.reason;
      const saved = await repo.save(disclosure);
      if (saved.disputeId) {
        // The reason may repeat the disclosure's content: the public docket gets the outcome only.
        await this.docket.append(ctx, {
          disputeId: saved.disputeId,
          actorRole: 'SECRETARIAT',
          kind: 'decideDisclosure',
          message: args.upheld ? 'docket.decideDisclosure.upheld' : 'docket.decideDisclosure.cleared',
          params: {},
        });
      }
      // A confirmed conflict excludes the person from this dispute's panel: a seat already taken
      // falls vacant now (Rules of Conduct VIII; the docket names nothing of the disclosure).
      const vacated =
        args.upheld && saved.disputeId
          ? await this.panel.vacateSeat(ctx, saved.disputeId, saved.personId, 'a conflict of interest was confirmed on a disclosure', {
              message: 'docket.vacatePanelSeat.disclosure',
              params: {},
            })
          : null;
      ctx.target('Disclosure', saved.id, {
        personId: saved.personId,
        status: saved.status,
        disputeId: saved.disputeId,
        ...(vacated ? { vacatedSeat: vacated.id } : {}),
      });
      return saved;
    });
  }

  /**
   * A person's disclosures as this viewer may see them: all for the secretariat and the person;
   * for a party's delegate (complainant or respondent), those touching its member's disputes.
   */
  async list(actor: Actor | null, args: DisclosuresArgs): Promise<Page<DisclosureEntity>> {
    const viewer = requireActor(actor);
    const person = await this.dataSource.getRepository(RosterPersonEntity).findOneBy({ id: args.personId });
    if (!person) throw notFound('Roster person', args.personId, 'ROSTER_PERSON_NOT_FOUND');
    const qb = this.dataSource
      .getRepository(DisclosureEntity)
      .createQueryBuilder('d')
      .where('d.person_id = :personId', { personId: person.id });
    const everything = viewer.role === 'SECRETARIAT' || (viewer.role === 'PANELIST' && person.userId === viewer.userId);
    if (!everything) {
      if (viewer.role !== 'MEMBER_DELEGATE')
        throw forbidden('Only the secretariat, the person and the parties see disclosures', 'NOT_INVOLVED');
      // The registry owns the parties: it names the member's disputes (a bounded list), this lib filters.
      const disputeIds = viewer.memberId ? await this.disputes.disputeIdsOfMember(viewer.memberId, ['COMPLAINANT', 'RESPONDENT']) : [];
      qb.andWhere('d.dispute_id = ANY(:disputeIds::uuid[])', { disputeIds });
    }
    return keysetPage(
      qb,
      args,
      { sortExpression: 'd.declared_at', alias: 'd', sortValue: (d) => d.declaredAt.toISOString(), direction: 'DESC' },
      (d) => d,
    );
  }
}
