import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import DataLoader from 'dataloader';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/policy';
import { CommandRunner } from '../database/command-runner';
import { DomainError, badInput, conflict, notFound } from '../errors';
import { Page, keysetPage } from '../graphql/pagination';
import { RequestLoaders, inKeyOrder } from '../graphql/request-context';
import { CreateMemberInput, MembersArgs, UpdateMemberInput } from './dto/member.input';
import { MemberEntity } from './member.entity';

/**
 * Members of the organisation. Anyone may read them (the public docket names the parties); only
 * the secretariat admits members or changes them.
 */
@Injectable()
export class MembersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
  ) {}

  list(args: MembersArgs): Promise<Page<MemberEntity>> {
    const qb = this.dataSource.getRepository(MemberEntity).createQueryBuilder('m');
    if (args.status) qb.where('m.status = :status', { status: args.status });
    return keysetPage(qb, args, { sortExpression: 'm.code', alias: 'm', sortValue: (m) => m.code }, (m) => m);
  }

  async get(ref: { id?: string; code?: string }): Promise<MemberEntity> {
    if (!ref.id && !ref.code) throw badInput('id', 'Give the member id or its code', 'MEMBER_REF_REQUIRED');
    if (ref.id && !isUUID(ref.id)) throw notFound('Member', ref.id, 'MEMBER_NOT_FOUND');
    const where = ref.id ? { id: ref.id } : { code: String(ref.code).toUpperCase() };
    const member = await this.dataSource.getRepository(MemberEntity).findOne({ where });
    if (!member) throw notFound('Member', ref.id ?? String(ref.code), 'MEMBER_NOT_FOUND');
    return member;
  }

  /** Batches `member` lookups of one request into a single query. */
  loader(loaders: RequestLoaders): DataLoader<string, MemberEntity | null> {
    return loaders.get(
      'members.byId',
      () =>
        new DataLoader<string, MemberEntity | null>(async (ids) => {
          const rows = await this.dataSource.getRepository(MemberEntity).findBy({ id: In([...ids]) });
          return inKeyOrder(ids, rows, (m) => m.id);
        }),
    );
  }

  /**
   * Members by id, read with the caller's manager (a command's `ctx.em`, so in its transaction),
   * in one query: the other libs' way to the members table, which core owns.
   */
  byIds(em: EntityManager, ids: readonly string[]): Promise<MemberEntity[]> {
    return ids.length ? em.getRepository(MemberEntity).findBy({ id: In([...new Set(ids)]) }) : Promise.resolve([]);
  }

  /** Members by code (alpha-3, as stored), in the caller's manager, in one query. */
  byCodes(em: EntityManager, codes: readonly string[]): Promise<MemberEntity[]> {
    const wanted = [...new Set(codes)];
    return wanted.length ? em.getRepository(MemberEntity).findBy({ code: In(wanted) }) : Promise.resolve([]);
  }

  /**
   * The ids of the members with these codes (alpha-3, as stored), by code, in one statement; a
   * code no member has is absent. For a list's filter, which needs the id alone: the read of
   * every page filtered by member, without building and hydrating entities (bench/RESULTS.md).
   */
  async idsByCodes(em: EntityManager, codes: readonly string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(codes)];
    if (!wanted.length) return new Map();
    const rows: { id: string; code: string }[] = await em.query('SELECT m.id, m.code FROM members m WHERE m.code = ANY($1::text[])', [
      wanted,
    ]);
    return new Map(rows.map((row) => [row.code, row.id]));
  }

  /** A member that must exist (a foreign key names it), in the caller's manager. */
  existing(em: EntityManager, id: string): Promise<MemberEntity> {
    return em.getRepository(MemberEntity).findOneByOrFail({ id });
  }

  /** The active members (the electorate of a vote, the quorum of a meeting), by code. */
  active(em: EntityManager): Promise<MemberEntity[]> {
    return em.getRepository(MemberEntity).find({ where: { status: 'ACTIVE' }, order: { code: 'ASC' } });
  }

  create(actor: Actor | null, input: CreateMemberInput): Promise<MemberEntity> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'createMember' }, async (ctx) => {
      const member = await ctx.em.getRepository(MemberEntity).save(
        ctx.em.create(MemberEntity, {
          code: input.code,
          name: input.name,
          joinedOn: input.joinedOn,
          status: input.status,
        }),
      );
      ctx.target('Member', member.id, { code: member.code });
      return member;
    });
  }

  update(actor: Actor | null, input: UpdateMemberInput): Promise<MemberEntity> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'updateMember' }, async (ctx) => {
      const repo = ctx.em.getRepository(MemberEntity);
      const member = await repo.findOne({ where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
      if (!member) throw notFound('Member', input.id, 'MEMBER_NOT_FOUND');
      if (member.version !== input.version) throw staleVersion('member', member.version);
      const changes: Record<string, unknown> = {};
      for (const key of ['name', 'joinedOn', 'status'] as const) {
        if (input[key] !== undefined && input[key] !== member[key]) {
          changes[key] = { from: member[key], to: input[key] };
          Object.assign(member, { [key]: input[key] });
        }
      }
      const saved = await repo.save(member);
      ctx.target('Member', member.id, { code: member.code, changes });
      return saved;
    });
  }
}

export function staleVersion(what: string, current: number): DomainError {
  return conflict(`The ${what} was changed by someone else (now at version ${current}); reload and try again`, 'STALE_VERSION', {
    currentVersion: current,
  });
}
