import { TRANSITIONS, isActionName } from '@app/procedure';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTRY_ACTIONS, TAKEN_ELSEWHERE } from './registry-actions';

const transitionsOf = (action: string) => TRANSITIONS.filter((t) => t.action === action);
const elsewhere = Object.entries(TAKEN_ELSEWHERE);

describe('the registry actions, derived from the engine', () => {
  it('are every transition not taken elsewhere, once each', () => {
    const expected = new Set(TRANSITIONS.map((t) => t.action).filter((action) => !(action in TAKEN_ELSEWHERE)));
    expect(new Set(REGISTRY_ACTIONS)).toEqual(expected);
    expect(REGISTRY_ACTIONS).toHaveLength(expected.size);
    expect(REGISTRY_ACTIONS).toEqual(expect.arrayContaining(['requestPanel', 'establishPanel', 'suspend', 'resume', 'withdraw']));
    expect(REGISTRY_ACTIONS).not.toContain('requestConsultations');
  });

  it('names only transitions of the engine as taken elsewhere', () => {
    for (const [action] of elsewhere) {
      expect([action, isActionName(action), transitionsOf(action).length > 0]).toEqual([action, true, true]);
    }
  });

  it('leaves the automatic steps to the worker, and only them', () => {
    for (const t of TRANSITIONS) {
      const worker = (TAKEN_ELSEWHERE as Record<string, string>)[t.action] === 'the worker';
      expect([t.action, worker]).toEqual([t.action, t.automatic === true || t.actors.every((role) => role === 'SYSTEM')]);
    }
    for (const action of REGISTRY_ACTIONS) {
      expect([action, transitionsOf(action).some((t) => t.actors.some((role) => role !== 'SYSTEM'))]).toEqual([action, true]);
    }
  });

  it('names a mutation of the schema for every step a module takes', () => {
    const schema = readFileSync(join(__dirname, '../../../../schema.gql'), 'utf8');
    const mutations = /type Mutation \{([\s\S]*?)\n\}/.exec(schema)![1];
    for (const [action, by] of elsewhere) {
      if (by === 'the worker') continue;
      expect([action, by, new RegExp(`^\\s+${by}[(:]`, 'm').test(mutations)]).toEqual([action, by, true]);
    }
  });
});
