import { Injectable } from '@nestjs/common';
import { RequestLoaders } from '@app/core';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { RosterPersonEntity } from '../roster/roster-person.entity';
import { toRosterPerson } from '../roster/roster.type';
import type { PanelMember } from './election.type';
import { PanelMemberEntity } from './panel-member.entity';

/** Who sits on each panel now. */
@Injectable()
export class PanelService {
  constructor(private readonly dataSource: DataSource) {}

  seated(loaders: RequestLoaders): DataLoader<string, PanelMember[]> {
    return loaders.get(
      'panel.seated',
      () =>
        new DataLoader<string, PanelMember[]>(async (ids) => {
          const rows = await this.dataSource
            .getRepository(PanelMemberEntity)
            .createQueryBuilder('m')
            .innerJoinAndMapOne('m.person', RosterPersonEntity, 'p', 'p.id = m.person_id')
            .where('m.dispute_id IN (:...ids) AND m.vacated_at IS NULL', { ids })
            .orderBy('m.chair', 'DESC')
            .addOrderBy('m.seated_at')
            .addOrderBy('m.elected_rank')
            .getMany();
          return ids.map((id) =>
            rows
              .filter((row) => row.disputeId === id)
              .map((row) => ({ person: toRosterPerson(row.person as RosterPersonEntity), chair: row.chair, seatedAt: row.seatedAt })),
          );
        }),
    );
  }
}
