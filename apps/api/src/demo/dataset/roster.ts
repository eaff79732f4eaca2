// The indicative list of panelists (DSU 8.4): persons nominated by members, most approved, some
// with an account to act as panelists.
import { EXPERTISE, FIRST_NAMES, LANGUAGES, LAST_NAMES, OTHER_NATIONALITIES } from './names';
import type { Rng } from './random';
import { DAY } from './clock';
import type { Member, User } from './members';

export interface Person {
  id: string;
  name: string;
  nationality: string;
  expertise: string[];
  languages: string[];
  available: boolean;
  status: 'NOMINATED' | 'APPROVED' | 'REJECTED' | 'REMOVED';
  nominatedBy: string;
  userId: string | null;
  decisionReason: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  popularity: number;
}

/**
 * `n` persons of distinct names, nominated over `years` years from `firstYear`; the approved ones
 * with an account get a PANELIST user, appended to `users`. Returns the persons and those users' ids.
 */
export function makeRoster(
  rng: Rng,
  n: number,
  members: Member[],
  users: User[],
  firstYear: number,
  years: number,
  flavour: 'bench' | 'demo' = 'bench',
): { persons: Person[]; panelistUsers: string[] } {
  const persons: Person[] = [];
  const names = new Set<string>();
  const panelistUsers: string[] = [];
  const nationalities = [...members.map((m) => m.code), ...OTHER_NATIONALITIES];
  while (persons.length < n) {
    const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    if (names.has(name)) continue;
    names.add(name);
    const status = rng.weighted({ APPROVED: 60, NOMINATED: 20, REJECTED: 10, REMOVED: 10 });
    const createdAt = new Date(Date.UTC(firstYear, 1, 1) + rng.int(0, years * 365) * DAY);
    let userId: string | null = null;
    if (status === 'APPROVED' && rng.chance(0.5)) {
      userId = rng.uuid();
      panelistUsers.push(userId);
      // The demo's first panelist with an account is the one README lists (panelist@demo.dsb).
      const email =
        flavour === 'demo' && panelistUsers.length === 1 ? 'panelist@demo.dsb' : `panelist.${persons.length + 1}@${flavour}.dsb`;
      users.push({ id: userId, email, displayName: name, role: 'PANELIST', memberId: null });
    }
    persons.push({
      id: rng.uuid(),
      name,
      nationality: rng.chance(0.85) ? rng.pick(nationalities.slice(0, members.length)) : rng.pick(OTHER_NATIONALITIES),
      expertise: rng.sample(EXPERTISE, rng.int(1, 3)),
      languages: ['en', ...rng.sample(LANGUAGES.slice(1), rng.int(0, 2))],
      // Availability is what keeps an election's field to a few dozen candidates.
      available: rng.chance(0.25),
      status,
      nominatedBy: rng.pick(members).id,
      userId,
      decisionReason:
        status === 'REJECTED'
          ? 'Does not meet the qualifications of DSU 8.1'
          : status === 'REMOVED'
            ? 'Withdrew from the indicative list'
            : null,
      decidedAt: status === 'NOMINATED' ? null : new Date(createdAt.getTime() + rng.int(10, 90) * DAY),
      createdAt,
      popularity: rng.pareto(1.3),
    });
  }
  return { persons, panelistUsers };
}
