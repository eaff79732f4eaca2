import { Injectable } from '@nestjs/common';
import { RequestLoaders } from '@app/core';
import { PanelSeatsService } from '@app/registry';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { RosterPersonEntity } from '../roster/roster-person.entity';
import { toRosterPerson } from '../roster/roster.type';
import type { PanelMember } from './election.type';

/** Who sits on each panel now: the registry's panel_seats (PanelSeatsService), with the roster persons. */
@Injectable()
export class PanelService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly seats: PanelSeatsService,
  ) {}

  seated(loaders: RequestLoaders): DataLoader<string, PanelMember[]> {
    return loaders.get(
      'panel.seated',
      () =>
        new DataLoader<string, PanelMember[]>(async (ids) => {
          // The registry's loader, shared with the steps that count the seats: one statement for
          // the page's seats, one for their persons.
          const seatsByDispute = await this.seats.byDispute(loaders).loadMany(ids);
          const personIds = [...new Set(seatsByDispute.flatMap((seats) => (seats instanceof Error ? [] : seats.map((s) => s.personId))))];
          const persons = personIds.length ? await this.dataSource.getRepository(RosterPersonEntity).findBy({ id: In(personIds) }) : [];
          const byId = new Map(persons.map((p) => [p.id, p]));
          return seatsByDispute.map((seats) => {
            if (seats instanceof Error) return seats;
            // The chair first, then in the order seated (those seated together in their order of
            // election). A seat whose person is not on the roster is left out, as the inner join on
            // roster_persons left it out before: no foreign key ties panel_seats to the roster
            // (panel-seat.entity.ts).
            return seats
              .filter((s) => byId.has(s.personId))
              .sort((a, b) => Number(b.chair) - Number(a.chair))
              .map((s) => ({ person: toRosterPerson(byId.get(s.personId) as RosterPersonEntity), chair: s.chair, seatedAt: s.seatedAt }));
          });
        }),
    );
  }
}
