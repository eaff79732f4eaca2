import { Injectable } from '@nestjs/common';
import {
  Actor,
  CommandRunner,
  MembersService,
  RequestLoaders,
  badInput,
  conflict,
  forbidden,
  groupedInKeyOrder,
  requireActor,
} from '@app/core';
import type { Language } from '@app/i18n';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { DisputeEntity, docketNumber } from '../disputes/dispute.entity';
import { DisputesService } from '../disputes/disputes.service';
import { DocketService } from '../docket/docket.service';
import { DisputeTranslationEntity } from './dispute-translation.entity';
import { AddDisputeTranslationArgs } from './dto/language.input';
import { parseLanguage } from './language';
import { filingFirst } from './translations';
import { disputeTranslationEntry } from './language-docket';
import type { DocketParams } from '../docket/docket-text';

/** The title and summary of disputes in the working languages other than their filing's. */
@Injectable()
export class DisputeTranslationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly disputes: DisputesService,
    private readonly docket: DocketService,
    private readonly members: MembersService,
  ) {}

  /**
   * Files a dispute's title and summary in another working language: the complainant's, whose
   * request it is (DSU 4.4), or the secretariat's, which circulates it. The text as filed stays
   * the dispute's; one translation per language (a second is CONFLICT `DUPLICATE`).
   */
  add(actor: Actor | null, args: AddDisputeTranslationArgs): Promise<DisputeEntity> {
    const caller = requireActor(actor);
    const language = parseLanguage(args.language, 'language');
    return this.commands.run({ actor, operation: 'addDisputeTranslation' }, async (ctx) => {
      const dispute = await this.disputes.lockForUpdate(ctx, args.disputeId, true);
      const parties = await this.disputes.partiesOf(ctx.em, dispute.id);
      const complainant = parties.find((p) => p.kind === 'COMPLAINANT');
      const ownRequest = caller.role === 'MEMBER_DELEGATE' && !!caller.memberId && caller.memberId === complainant?.memberId;
      if (!ownRequest && caller.role !== 'SECRETARIAT') {
        throw forbidden(
          "Only a delegate of the complaining member or the secretariat files the dispute's title and summary in another language",
          'NOT_THE_COMPLAINANT',
        );
      }
      if (language === dispute.language) {
        throw badInput(
          'language',
          `The dispute was filed in ${language}: its title and summary as filed are the ${language} text`,
          'TRANSLATION_IN_FILING_LANGUAGE',
        );
      }
      const repo = ctx.em.getRepository(DisputeTranslationEntity);
      const existing = await repo.findOneBy({ disputeId: dispute.id, language });
      if (existing) {
        throw conflict(
          `The dispute's title and summary in ${language} were filed on ${existing.addedAt.toISOString().slice(0, 10)}`,
          'DUPLICATE',
          { field: 'language' },
        );
      }
      await repo.insert({
        disputeId: dispute.id,
        language,
        title: args.title,
        summary: args.summary,
        addedAt: ctx.now,
        addedById: caller.userId,
      });
      const who: DocketParams = ownRequest
        ? { actor: (await this.members.existing(ctx.em, caller.memberId as string)).name }
        : { actorOrgan: 'SECRETARIAT' as const };
      await this.docket.append(ctx, {
        disputeId: dispute.id,
        actorRole: ownRequest ? 'COMPLAINANT' : 'SECRETARIAT',
        kind: 'addDisputeTranslation',
        ...disputeTranslationEntry(who, language),
      });
      ctx.target('Dispute', dispute.id, { docketNumber: docketNumber(dispute), language });
      return dispute;
    });
  }

  /** Each dispute's translations, batched per request: a page of disputes costs one statement. */
  loader(loaders: RequestLoaders): DataLoader<string, DisputeTranslationEntity[]> {
    return loaders.get(
      'disputes.translations',
      () =>
        new DataLoader<string, DisputeTranslationEntity[]>(async (ids) => {
          const rows = await this.dataSource
            .getRepository(DisputeTranslationEntity)
            .createQueryBuilder('t')
            .where('t.dispute_id = ANY(:ids)', { ids: [...ids] })
            .orderBy('t.language')
            .getMany();
          return groupedInKeyOrder(ids, rows, (row) => row.disputeId);
        }),
    );
  }

  /**
   * A dispute's title or summary in `language` where one was filed in it, else as filed: no query
   * for the filing language, else the translations of every dispute the request reads, in one
   * statement (the loader).
   */
  async textOf(
    loaders: RequestLoaders,
    dispute: { id: string; language: string; title: string; summary?: string },
    language: Language | null,
    which: 'title' | 'summary',
  ): Promise<string> {
    const asFiled = dispute[which] ?? '';
    if (language === null || language === dispute.language) return asFiled;
    const rows = await this.loader(loaders).load(dispute.id);
    return rows.find((row) => row.language === language)?.[which] ?? asFiled;
  }

  /** The languages a dispute's title and summary are given in: the filing language first, then the others in the order of the working languages. */
  async languagesOf(loaders: RequestLoaders, dispute: { id: string; language: string }): Promise<string[]> {
    const given = (await this.loader(loaders).load(dispute.id)).map((row) => row.language);
    return filingFirst(dispute.language, given);
  }
}
