import { Injectable } from '@nestjs/common';
import {
  Actor,
  CommandContext,
  CommandRunner,
  DomainError,
  Page,
  RequestLoaders,
  UserEntity,
  badInput,
  conflict,
  forbidden,
  inKeyOrder,
  keysetPage,
  notFound,
  requireRole,
  MembersService,
  UsersService,
} from '@app/core';
import { PanelSeatsService } from '@app/registry';
import { isUUID } from 'class-validator';
import DataLoader from 'dataloader';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  DecideNominationArgs,
  LinkPanelistUserArgs,
  NominateRosterPersonInput,
  NominationsArgs,
  RemoveRosterPersonArgs,
  RosterArgs,
  SetAvailabilityArgs,
} from './dto/roster.input';
import { RosterCvEntity } from './roster-cv.entity';
import { RosterPersonEntity, type RosterStatus } from './roster-person.entity';

/** The largest CV a nomination may carry. */
export const MAX_CV_BYTES = 5 * 1024 * 1024;

/** Statuses in which a person is still on (or on the way onto) the roster. */
const LIVE: readonly RosterStatus[] = ['NOMINATED', 'APPROVED'];

const notOnRoster = (person: RosterPersonEntity) =>
  new DomainError('INVALID_TRANSITION', 'PERSON_NOT_ON_ROSTER', `The person is ${person.status.toLowerCase()}, not on the roster`, {
    status: person.status,
  });

/**
 * The indicative list (DSU 8.4): members propose names, the secretariat decides for the body.
 * Only approved persons are public; nominations and their decisions are the secretariat's.
 */
@Injectable()
export class RosterService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly seats: PanelSeatsService,
    private readonly members: MembersService,
    private readonly accounts: UsersService,
  ) {}

  /** DSU 8.4: a member proposes a name for the list, with an optional CV. */
  nominate(actor: Actor | null, input: NominateRosterPersonInput): Promise<RosterPersonEntity> {
    const delegate = requireRole(actor, 'MEMBER_DELEGATE');
    const cv = input.cv ? Buffer.from(input.cv.content, 'base64') : null;
    if (cv && cv.length === 0) throw badInput('input.cv.content', 'content must not be empty', 'EMPTY_CV');
    if (cv && cv.length > MAX_CV_BYTES) {
      throw new DomainError('PAYLOAD_TOO_LARGE', 'CV_TOO_LARGE', `The CV is ${cv.length} bytes; the limit is ${MAX_CV_BYTES}`, {
        field: 'input.cv.content',
        limit: MAX_CV_BYTES,
      });
    }
    return this.commands.run({ actor, operation: 'nominateRosterPerson' }, async (ctx) => {
      const member = await this.members.existing(ctx.em, delegate.memberId as string);
      if (member.status !== 'ACTIVE') {
        throw forbidden(`${member.name} is suspended and cannot nominate`, 'MEMBER_SUSPENDED');
      }
      const person = await ctx.em.getRepository(RosterPersonEntity).save(
        ctx.em.create(RosterPersonEntity, {
          name: input.name,
          nationality: input.nationality,
          expertise: input.expertise,
          languages: input.languages,
          available: input.available,
          status: 'NOMINATED',
          nominatedByMemberId: member.id,
          userId: null,
          decisionReason: null,
          decidedAt: null,
          createdAt: ctx.now,
        }),
      );
      let sha256: string | null = null;
      if (cv && input.cv) {
        sha256 = createHash('sha256').update(cv).digest('hex');
        await ctx.em.getRepository(RosterCvEntity).insert({
          personId: person.id,
          fileName: input.cv.fileName,
          mediaType: input.cv.mediaType.toLowerCase(),
          sha256,
          content: cv,
        });
      }
      ctx.target('RosterPerson', person.id, { nationality: person.nationality, by: member.code, cvSha256: sha256 });
      return person;
    });
  }

  /** DSU 8.4: the body (through the secretariat) approves or rejects a proposed name. */
  decide(actor: Actor | null, args: DecideNominationArgs): Promise<RosterPersonEntity> {
    requireRole(actor, 'SECRETARIAT');
    if (!args.approve && !args.reason) throw badInput('reason', 'Give the reason for rejecting the nomination', 'REASON_REQUIRED');
    return this.commands.run({ actor, operation: 'decideNomination' }, async (ctx) => {
      const person = await this.lock(ctx, args.id);
      if (person.status !== 'NOMINATED') {
        throw new DomainError('INVALID_TRANSITION', 'NOMINATION_ALREADY_DECIDED', `The nomination was already decided: ${person.status}`, {
          status: person.status,
        });
      }
      person.status = args.approve ? 'APPROVED' : 'REJECTED';
      person.decisionReason = args.reason ?? null;
      person.decidedAt = ctx.now;
      const saved = await ctx.em.getRepository(RosterPersonEntity).save(person);
      ctx.target('RosterPerson', person.id, { status: person.status });
      return saved;
    });
  }

  /** Takes an approved person off the list; their record and disclosures stay. */
  remove(actor: Actor | null, args: RemoveRosterPersonArgs): Promise<RosterPersonEntity> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'removeRosterPerson' }, async (ctx) => {
      const person = await this.lock(ctx, args.id);
      if (person.status !== 'APPROVED') {
        throw new DomainError(
          'INVALID_TRANSITION',
          'NOT_APPROVED',
          `Only an approved person can be removed; this one is ${person.status}`,
          {
            status: person.status,
          },
        );
      }
      person.status = 'REMOVED';
      person.decisionReason = args.reason;
      person.decidedAt = ctx.now;
      const saved = await ctx.em.getRepository(RosterPersonEntity).save(person);
      ctx.target('RosterPerson', person.id, { status: person.status });
      return saved;
    });
  }

  /**
   * Links the person's own PANELIST account: they then keep their availability and disclosures,
   * and act for every panel seat the person holds, including seats taken before the link (an
   * elected person may have had no account yet). Re-linking moves the seats to the new account.
   */
  linkUser(actor: Actor | null, args: LinkPanelistUserArgs): Promise<RosterPersonEntity> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'linkPanelistUser' }, async (ctx) => {
      const person = await this.lock(ctx, args.personId);
      if (!LIVE.includes(person.status)) throw notOnRoster(person);
      const [user] = isUUID(args.userId) ? await this.accounts.byIds(ctx.em, [args.userId]) : [];
      if (!user || !user.active) throw badInput('userId', `No active user has the id ${args.userId}`, 'UNKNOWN_USER');
      if (user.role !== 'PANELIST') {
        throw badInput('userId', `The user has the role ${user.role}; only a PANELIST account can be linked`, 'NOT_A_PANELIST');
      }
      const other = await ctx.em.getRepository(RosterPersonEntity).findOneBy({ userId: user.id });
      if (other && other.id !== person.id) {
        throw conflict('This user is already linked to another person on the roster', 'DUPLICATE', { field: 'userId' });
      }
      const previousUserId = person.userId;
      person.userId = user.id;
      const saved = await ctx.em.getRepository(RosterPersonEntity).save(person);
      const seats = await this.seats.followPerson(ctx, person.id, user.id);
      ctx.target('RosterPerson', person.id, { userId: user.id, previousUserId, seats });
      return saved;
    });
  }

  /** The person (through their own account) or the secretariat says whether they can serve now. */
  setAvailability(actor: Actor | null, args: SetAvailabilityArgs): Promise<RosterPersonEntity> {
    const signedIn = requireRole(actor, 'PANELIST', 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'setAvailability' }, async (ctx) => {
      const person = await this.lock(ctx, args.personId);
      if (signedIn.role === 'PANELIST' && person.userId !== signedIn.userId) {
        throw forbidden('Only the person themselves or the secretariat may change their availability', 'NOT_YOUR_ROSTER_ENTRY');
      }
      if (!LIVE.includes(person.status)) throw notOnRoster(person);
      const from = person.available;
      person.available = args.available;
      const saved = await ctx.em.getRepository(RosterPersonEntity).save(person);
      ctx.target('RosterPerson', person.id, { available: { from, to: args.available } });
      return saved;
    });
  }

  /** The public roster: approved persons only, by name. */
  list(args: RosterArgs): Promise<Page<RosterPersonEntity>> {
    const qb = this.dataSource.getRepository(RosterPersonEntity).createQueryBuilder('p').where(`p.status = 'APPROVED'`);
    const f = args.filter ?? {};
    if (f.nationality) qb.andWhere('p.nationality = :nationality', { nationality: f.nationality });
    if (f.expertise) {
      qb.andWhere('EXISTS (SELECT 1 FROM unnest(p.expertise) AS e(field) WHERE lower(e.field) = lower(:expertise))', {
        expertise: f.expertise,
      });
    }
    return keysetPage(qb, args, { sortExpression: 'p.name', alias: 'p', sortValue: (p) => p.name }, (p) => p);
  }

  /** One approved person; anyone else does not exist for the public. */
  async getApproved(id: string): Promise<RosterPersonEntity> {
    const person = isUUID(id) ? await this.dataSource.getRepository(RosterPersonEntity).findOneBy({ id }) : null;
    if (!person || person.status !== 'APPROVED') throw notFound('Roster person', id, 'ROSTER_PERSON_NOT_FOUND');
    return person;
  }

  /** Nominations: the secretariat sees all, a delegate those of its own member, newest first. */
  nominations(actor: Actor | null, args: NominationsArgs): Promise<Page<RosterPersonEntity>> {
    const viewer = requireRole(actor, 'SECRETARIAT', 'MEMBER_DELEGATE');
    const qb = this.dataSource.getRepository(RosterPersonEntity).createQueryBuilder('p').where('TRUE');
    if (viewer.role === 'MEMBER_DELEGATE') qb.andWhere('p.nominated_by_member_id = :memberId', { memberId: viewer.memberId });
    if (args.status) qb.andWhere('p.status = :status', { status: args.status });
    return keysetPage(
      qb,
      args,
      { sortExpression: 'p.created_at', alias: 'p', sortValue: (p) => p.createdAt.toISOString(), direction: 'DESC' },
      (p) => p,
    );
  }

  /** The CV of an approved person (published with the roster), or NOT_FOUND. */
  async cvOf(id: string): Promise<RosterCvEntity> {
    await this.getApproved(id);
    const cv = await this.dataSource.getRepository(RosterCvEntity).findOneBy({ personId: id });
    if (!cv) throw notFound('CV', id, 'CV_NOT_FOUND');
    return cv;
  }

  /** Roster persons by id, whatever their status (callers apply their own policy), per request. */
  byId(loaders: RequestLoaders): DataLoader<string, RosterPersonEntity | null> {
    return loaders.get(
      'roster.byId',
      () =>
        new DataLoader<string, RosterPersonEntity | null>(async (ids) => {
          const rows = await this.dataSource.getRepository(RosterPersonEntity).findBy({ id: In([...ids]) });
          return inKeyOrder(ids, rows, (p) => p.id);
        }),
    );
  }

  /** Roster persons by id, with the caller's manager, in one query (for other libs, which name them). */
  byIds(em: EntityManager, ids: readonly string[]): Promise<RosterPersonEntity[]> {
    return ids.length ? em.getRepository(RosterPersonEntity).findBy({ id: In([...new Set(ids)]) }) : Promise.resolve([]);
  }

  /** Whether each person has a CV, without reading the bytes. */
  hasCv(loaders: RequestLoaders): DataLoader<string, boolean> {
    return loaders.get(
      'roster.hasCv',
      () =>
        new DataLoader<string, boolean>(async (ids) => {
          const rows: { person_id: string }[] = await this.dataSource.query(
            'SELECT person_id FROM roster_cvs WHERE person_id = ANY($1::uuid[])',
            [[...ids]],
          );
          const found = new Set(rows.map((r) => r.person_id));
          return ids.map((id) => found.has(id));
        }),
    );
  }

  /** Users by id, for the linked account of a nomination. */
  users(loaders: RequestLoaders): DataLoader<string, UserEntity | null> {
    return loaders.get(
      'roster.users',
      () =>
        new DataLoader<string, UserEntity | null>(async (ids) => {
          const rows = await this.accounts.byIds(this.dataSource.manager, ids);
          return inKeyOrder(ids, rows, (u) => u.id);
        }),
    );
  }

  /** Locks a person's row for a command; NOT_FOUND when there is none. */
  async lock(ctx: CommandContext, id: string): Promise<RosterPersonEntity> {
    const person = isUUID(id)
      ? await ctx.em.getRepository(RosterPersonEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!person) throw notFound('Roster person', id, 'ROSTER_PERSON_NOT_FOUND');
    return person;
  }
}
