import { REPLAY_CASES } from './cases';
import { check } from './expect';
import { replay } from './runner';
import { TestApp, startTestApp } from '../utils/test-app';

// Real WTO disputes replayed on their real dates, in Geneva's time zone, through the API: the
// engine must take every step the DSU allowed (a refusal fails the replay) and compute every
// limit from the real dates (see expect.ts). Each case runs in a database of its own.
describe('replay of real disputes (e2e/replay/cases: the dates and their sources)', () => {
  let t: TestApp | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it.each(REPLAY_CASES.map((c) => [`${c.ds} ${c.title}`, c] as const))(
    '%s',
    async (_name, c) => {
      const start = new Date(`${c.steps[0].on}T05:00:00Z`);
      t = await startTestApp({ start: start.toISOString(), env: { BODY_TIME_ZONE: 'Europe/Zurich' } });
      const result = await replay(t, c);
      expect(check(c, result)).toEqual([]);
    },
    300_000,
  );
});
