import { readFileSync } from 'fs';
import { join } from 'path';
import { ACTOR_ROLES, type ActorRole } from './actors';
import { DEADLINE_RULE_CODES } from './deadline-rules';
import { withGeneratedTables } from './docs';
import { decide } from './engine';
import { on, PATHS, reach } from './procedure.testing';
import { ACTIVE_STAGES, isTerminalStage, STAGES, TERMINAL_STAGES, type Stage } from './stages';
import { ACTION_NAMES, fromStages, TRANSITIONS, type Transition } from './transitions';

// The stages a transition leads to; `resume` may lead back to any stage that can be suspended,
// `resumeAppeal` to any stage an appeal can be suspended at.
function targets(transition: Transition): Stage[] {
  if (transition.to === 'PREVIOUS') {
    const into = TRANSITIONS.find(
      (t) => t.to !== null && t.to !== 'PREVIOUS' && fromStages(transition).includes(t.to) && t.clock === 'STOP',
    );
    return into ? [...fromStages(into)] : [];
  }
  return transition.to === null ? [] : [transition.to];
}

function edges(stage: Stage): Stage[] {
  return TRANSITIONS.filter((t) => fromStages(t).includes(stage))
    .flatMap(targets)
    .filter((to) => to !== stage);
}

function reachableFrom(start: Stage): Set<Stage> {
  const seen = new Set<Stage>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const next of edges(queue.shift() as Stage)) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

// The time of a decision: the day the dispute reached the stage.
const at = (stage: Stage) => on(reach(stage).day);

describe('the transition table', () => {
  it('has exactly one transition per action name', () => {
    expect(TRANSITIONS.map((t) => t.action).sort()).toEqual([...ACTION_NAMES].sort());
  });

  it('names only known rules, roles and stages', () => {
    const codes = new Set<string>(DEADLINE_RULE_CODES);
    for (const t of TRANSITIONS) {
      const cancels = t.cancels === 'ALL_OPEN' ? [] : t.cancels;
      for (const code of [...t.opens, ...t.meets, ...cancels]) expect(codes.has(code)).toBe(true);
      for (const role of t.actors) expect(ACTOR_ROLES).toContain(role);
      for (const stage of fromStages(t)) expect(STAGES).toContain(stage);
      expect(t.actors.length).toBeGreaterThan(0);
      expect(t.article).toMatch(/^DSU /);
      expect(t.docketText).toMatch(/\.$/);
    }
  });

  it('leaves automatic transitions to the system alone', () => {
    for (const t of TRANSITIONS) {
      expect([t.action, t.actors.includes('SYSTEM')]).toEqual([t.action, t.automatic === true]);
      if (t.automatic) expect(t.actors).toEqual(['SYSTEM']);
    }
  });

  it('gives terminal stages no way out', () => {
    for (const stage of TERMINAL_STAGES) {
      expect(TRANSITIONS.filter((t) => fromStages(t).includes(stage))).toEqual([]);
    }
  });

  it('gives every other stage a way out to another stage', () => {
    for (const stage of ACTIVE_STAGES) {
      expect([stage, edges(stage).length > 0]).toEqual([stage, true]);
    }
  });

  it('reaches every stage from CONSULTATIONS_REQUESTED', () => {
    expect([...reachableFrom('CONSULTATIONS_REQUESTED')].sort()).toEqual([...STAGES].sort());
  });

  it('can end every dispute from every stage', () => {
    for (const stage of ACTIVE_STAGES) {
      const ends = [...reachableFrom(stage)].filter(isTerminalStage);
      expect([stage, ends.length > 0]).toEqual([stage, true]);
    }
  });

  it('is documented line by line in the README, in tables made from the data (npm run docs:procedure)', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    expect(readme).toBe(withGeneratedTables(readme));
    for (const action of ACTION_NAMES) expect(readme).toContain(`| \`${action}\` |`);
    for (const code of DEADLINE_RULE_CODES) expect(readme).toContain(`| \`${code}\` |`);
  });

  it('says in words what every guarded transition requires', () => {
    for (const t of TRANSITIONS) expect([t.action, t.guard === undefined || Boolean(t.requires)]).toEqual([t.action, true]);
  });

  it('reaches every stage through the engine itself (the test paths)', () => {
    for (const stage of STAGES) expect(reach(stage).snapshot.stage).toBe(stage);
    expect(Object.keys(PATHS).sort()).toEqual([...STAGES].sort());
  });
});

describe.each(TRANSITIONS.map((t) => [t.action, t] as const))('%s', (_action, transition) => {
  const stages = fromStages(transition);
  const allowedActor = transition.actors;

  it('is refused as INVALID_TRANSITION at every other stage', () => {
    for (const stage of STAGES.filter((s) => !stages.includes(s))) {
      const { snapshot } = reach(stage);
      const decision = decide(snapshot, allowedActor, transition.action, at(stage), {});
      expect([stage, decision.allowed ? 'allowed' : decision.code]).toEqual([stage, 'INVALID_TRANSITION']);
    }
  });

  it('is FORBIDDEN to every role it does not list, at each of its stages', () => {
    const others = ACTOR_ROLES.filter((role) => !allowedActor.includes(role));
    for (const stage of stages) {
      for (const role of others) {
        const decision = decide(reach(stage).snapshot, [role], transition.action, at(stage), {});
        expect([stage, role, decision.allowed ? 'allowed' : decision.code]).toEqual([stage, role, 'FORBIDDEN']);
      }
    }
  });

  it('gets past stage and actor checks for each role it lists', () => {
    for (const stage of stages) {
      for (const role of allowedActor) {
        const roles: ActorRole[] = [role];
        const decision = decide(reach(stage).snapshot, roles, transition.action, at(stage), {});
        // Allowed, or refused by its own precondition or missing input: never by stage or role.
        if (!decision.allowed) {
          expect(decision.code).not.toBe('FORBIDDEN');
          expect(decision.message).not.toMatch(/is not possible at stage|^The dispute has ended/);
          expect(transition.guard !== undefined || transition.needs !== undefined || transition.atMeeting).toBe(true);
        }
      }
    }
  });
});
