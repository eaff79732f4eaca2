// The registry's reference data: the days the body is closed, its members and their delegates, the
// secretariat's accounts.
import { addDays, toIsoDate } from '@app/procedure';
import { MEMBERS } from './names';
import type { Rng } from './random';
import { BENCH_MARKER_EMAIL } from './options';

export interface Member {
  id: string;
  code: string;
  name: string;
  joinedOn: string;
  delegates: string[];
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: 'SECRETARIAT' | 'MEMBER_DELEGATE' | 'PANELIST';
  memberId: string | null;
}

// A type, not an interface: its rows go to bulkInsert as records.
export type ClosedDay = { day: string; reason: string };

/** The body's closures, from `firstYear` to three years after `asOf` (time limits run past today). */
export function closedDaysOf(firstYear: number, asOf: Date): ClosedDay[] {
  const closedDays: ClosedDay[] = [];
  for (let year = firstYear; year <= asOf.getUTCFullYear() + 3; year++) {
    closedDays.push({ day: `${year}-01-01`, reason: "New Year's Day" });
    closedDays.push({ day: `${year}-05-01`, reason: 'Labour Day' });
    closedDays.push({ day: `${year}-12-25`, reason: 'Annual closure' });
    closedDays.push({ day: `${year}-12-26`, reason: 'Annual closure' });
  }
  return closedDays;
}

/** The first `n` members: a dozen founders, the others joining within the first year. */
export function makeMembers(rng: Rng, n: number, firstYear: number): Member[] {
  const joinedOn = toIsoDate(new Date(Date.UTC(firstYear, 0, 1)));
  return MEMBERS.slice(0, n).map(([code, name], i) => ({
    id: rng.uuid(),
    code,
    name,
    joinedOn: addDays(joinedOn, i < 12 ? 14 : rng.int(30, 300)),
    delegates: [],
  }));
}

/**
 * The secretariat's three accounts (the first is the bench marker, or the demo's registrar) and two delegates per member,
 * recorded on the members; returns the users and the secretariat's ids.
 */
export function makeUsers(rng: Rng, members: Member[], flavour: 'bench' | 'demo'): { users: User[]; secretariat: string[] } {
  const demo = flavour === 'demo';
  const users: User[] = [];
  const secretariat: string[] = [];
  for (const [i, who] of ['registrar', 'deputy.registrar', 'legal.officer'].entries()) {
    const id = rng.uuid();
    secretariat.push(id);
    users.push({
      id,
      email: demo ? `${who}@demo.dsb` : i === 0 ? BENCH_MARKER_EMAIL : `${who}@bench.dsb`,
      displayName: demo && i === 0 ? 'Registrar (demo)' : `${who} (${flavour})`,
      role: 'SECRETARIAT',
      memberId: null,
    });
  }
  for (const m of members) {
    for (const n of [1, 2]) {
      const id = rng.uuid();
      m.delegates.push(id);
      users.push({
        id,
        // The demo's first delegate of a member is the one README lists (delegate.chn@demo.dsb).
        email: demo ? `delegate${n === 1 ? '' : n}.${m.code.toLowerCase()}@demo.dsb` : `delegate${n}.${m.code.toLowerCase()}@bench.dsb`,
        displayName: demo && n === 1 ? `Delegate of ${m.name} (demo)` : `Delegate ${n} of ${m.name}`,
        role: 'MEMBER_DELEGATE',
        memberId: m.id,
      });
    }
  }
  return { users, secretariat };
}
