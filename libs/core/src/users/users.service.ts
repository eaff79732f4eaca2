import { Injectable } from '@nestjs/common';
import { LANGUAGES, isLanguage } from '@app/i18n';
import { DataSource, EntityManager, FindOptionsWhere, In } from 'typeorm';
import type { Actor, Role } from '../auth/actor';
import { AuthService } from '../auth/auth.service';
import { hashPassword } from '../auth/passwords';
import { requireActor, requireRole } from '../auth/policy';
import { CommandRunner } from '../database/command-runner';
import { badInput, notFound } from '../errors';
import { Page, keysetPage } from '../graphql/pagination';
import { MemberEntity } from '../members/member.entity';
import { CreateUserInput, UsersArgs } from './dto/user.input';
import { UserEntity } from './user.entity';

/** User administration belongs to the secretariat; everyone may read their own account. */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly auth: AuthService,
  ) {}

  /**
   * Users by id, in the caller's manager, in one query; `where` narrows them (active ones, a
   * role). The other libs' way to the users table, which core owns.
   */
  byIds(
    em: EntityManager,
    ids: readonly string[],
    where: Pick<FindOptionsWhere<UserEntity>, 'active' | 'role'> = {},
  ): Promise<UserEntity[]> {
    return ids.length ? em.getRepository(UserEntity).findBy({ ...where, id: In([...new Set(ids)]) }) : Promise.resolve([]);
  }

  /** The active delegates of these members, in one query (whom a member's notices go to). */
  delegatesOf(em: EntityManager, memberIds: readonly string[]): Promise<UserEntity[]> {
    return memberIds.length
      ? em.getRepository(UserEntity).findBy({ memberId: In([...new Set(memberIds)]), active: true, role: 'MEMBER_DELEGATE' })
      : Promise.resolve([]);
  }

  /**
   * In one statement, the active users who hold `role`, are delegates of one of `delegatesOf`, or
   * are among `ids`: the recipients of a docket entry's notices (the secretariat, the parties'
   * delegates, the seated panelists and the readers a document names) in one round trip instead of
   * four. The caller tells them apart by role, member and id.
   */
  activeAmong(em: EntityManager, who: { role?: Role; delegatesOf?: readonly string[]; ids?: readonly string[] }): Promise<UserEntity[]> {
    const where: FindOptionsWhere<UserEntity>[] = [];
    if (who.role) where.push({ role: who.role, active: true });
    if (who.delegatesOf?.length) where.push({ memberId: In([...new Set(who.delegatesOf)]), active: true, role: 'MEMBER_DELEGATE' });
    if (who.ids?.length) where.push({ id: In([...new Set(who.ids)]), active: true });
    return where.length ? em.getRepository(UserEntity).find({ where }) : Promise.resolve([]);
  }

  /**
   * The active users of a role, by e-mail, at most `limit` (the secretariat: served with a copy of
   * every docket entry, told of overdue steps).
   */
  activeWithRole(em: EntityManager, role: Role, limit = 500): Promise<UserEntity[]> {
    return em.getRepository(UserEntity).find({ where: { role, active: true }, order: { email: 'ASC' }, take: limit });
  }

  async me(actor: Actor | null): Promise<UserEntity> {
    const signedIn = requireActor(actor);
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: signedIn.userId } });
    if (!user) throw notFound('User', signedIn.userId, 'USER_NOT_FOUND');
    return user;
  }

  /**
   * A user's language preference as `reader` may see it: their own, or anyone's for the
   * secretariat (who administers accounts); null for everyone else, as the rest of an account is
   * theirs and the secretariat's.
   */
  languageFor(reader: Actor | null, user: Pick<UserEntity, 'id' | 'language'>): string | null {
    if (!reader || (reader.userId !== user.id && reader.role !== 'SECRETARIAT')) return null;
    return user.language;
  }

  /**
   * Sets (or, with null, clears) the signed-in user's preferred working language. Codes are
   * compared without case and surrounding blanks (`FR`, ` fr `); anything else than a working
   * language is refused, so that a preference always means a language the body publishes in.
   */
  async updateMyLanguage(actor: Actor | null, language: string | null): Promise<UserEntity> {
    const signedIn = requireActor(actor);
    const code = language === null ? null : language.trim().toLowerCase();
    if (language !== null && !isLanguage(code)) {
      throw badInput(
        'language',
        `"${language.slice(0, 35)}" is not a working language: use one of ${LANGUAGES.join(', ')}, or null`,
        'UNKNOWN_LANGUAGE',
      );
    }
    return this.commands.run({ actor, operation: 'updateMyLanguage' }, async (ctx) => {
      const repo = ctx.em.getRepository(UserEntity);
      const user = await repo.findOne({ where: { id: signedIn.userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User', signedIn.userId, 'USER_NOT_FOUND');
      const previous = user.language;
      user.language = code;
      await repo.save(user);
      ctx.target('User', user.id, { language: code, previous });
      return user;
    });
  }

  list(actor: Actor | null, args: UsersArgs): Promise<Page<UserEntity>> {
    requireRole(actor, 'SECRETARIAT');
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u');
    if (args.role) qb.andWhere('u.role = :role', { role: args.role });
    if (args.active !== undefined) qb.andWhere('u.active = :active', { active: args.active });
    return keysetPage(qb, args, { sortExpression: 'u.email', alias: 'u', sortValue: (u) => u.email }, (u) => u);
  }

  async create(actor: Actor | null, input: CreateUserInput): Promise<UserEntity> {
    requireRole(actor, 'SECRETARIAT');
    if (input.role !== 'MEMBER_DELEGATE' && input.memberCode) {
      throw badInput('input.memberCode', 'Only a MEMBER_DELEGATE acts for a member', 'MEMBER_NOT_ALLOWED');
    }
    // Hash before the transaction: 50 ms of CPU should not hold a connection or a lock.
    const passwordHash = await hashPassword(input.password);
    return this.commands.run({ actor, operation: 'createUser' }, async (ctx) => {
      let memberId: string | null = null;
      if (input.memberCode) {
        const member = await ctx.em.getRepository(MemberEntity).findOne({ where: { code: input.memberCode } });
        if (!member) throw badInput('input.memberCode', `No member has the code ${input.memberCode}`, 'UNKNOWN_MEMBER');
        memberId = member.id;
      }
      const user = await ctx.em.getRepository(UserEntity).save(
        ctx.em.create(UserEntity, {
          email: input.email,
          displayName: input.displayName,
          role: input.role,
          memberId,
          passwordHash,
          active: true,
        }),
      );
      ctx.target('User', user.id, { email: user.email, role: user.role, memberCode: input.memberCode ?? null });
      return user;
    });
  }

  /** A deactivated user can no longer sign in, refresh, or use an access token already issued. */
  async deactivate(actor: Actor | null, id: string): Promise<UserEntity> {
    const signedIn = requireRole(actor, 'SECRETARIAT');
    if (signedIn.userId === id) {
      throw badInput('id', 'You cannot deactivate your own account', 'SELF_DEACTIVATION');
    }
    return this.commands.run({ actor, operation: 'deactivateUser' }, async (ctx) => {
      const repo = ctx.em.getRepository(UserEntity);
      const user = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User', id, 'USER_NOT_FOUND');
      user.active = false;
      await repo.save(user);
      await this.auth.revokeAllOf(ctx.em, user.id, ctx.now);
      ctx.target('User', user.id, { email: user.email });
      return user;
    });
  }
}
