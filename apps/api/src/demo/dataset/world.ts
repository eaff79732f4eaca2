// The registry around the disputes: closures, members and users, the roster, the body's meetings.
import type { ClosedDays } from '@app/procedure';
import { Rng } from './random';
import { buildMeetings, type Meeting } from './meetings';
import { closedDaysOf, makeMembers, makeUsers, type ClosedDay, type Member, type User } from './members';
import type { ResolvedOptions } from './options';
import { makeRoster, type Person } from './roster';

export interface World {
  seed: number;
  asOf: Date;
  closed: ClosedDays;
  closedDays: ClosedDay[];
  members: Member[];
  users: User[];
  secretariat: string[];
  panelistUsers: string[];
  persons: Person[];
  /** The body's meetings, by day: weekly, each convened a month ahead. */
  meetings: Meeting[];
  /**
   * The demo's panelist (panelist@demo.dsb), as a person of the roster: a candidate in the
   * elections of the disputes marked `demoPanel` only, and the members' favourite there.
   */
  demoPanelist?: Person;
}

/** Draws from `rng` in a fixed order (members, users, roster), so one seed gives one world. */
export function buildWorld(rng: Rng, options: ResolvedOptions): World {
  const asOf = options.asOf;
  const firstYear = asOf.getUTCFullYear() - options.years - 1;
  const closedDays = closedDaysOf(firstYear, asOf);
  const members = makeMembers(rng, options.members, firstYear);
  const { users, secretariat } = makeUsers(rng, members, options.flavour);
  const { persons, panelistUsers } = makeRoster(rng, options.rosterPersons, members, users, firstYear, options.years, options.flavour);
  const closed = { dates: closedDays.map((c) => c.day) };
  return {
    seed: options.seed,
    asOf,
    closed,
    closedDays,
    members,
    users,
    secretariat,
    panelistUsers,
    persons,
    meetings: buildMeetings(new Rng(options.seed + 3), members, closed, firstYear, asOf),
  };
}
