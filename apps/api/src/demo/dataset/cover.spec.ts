import { STAGES } from '@app/procedure';
import { COVERS, stagesNotCovered } from './cover';

describe('the demo data set covers', () => {
  it('every stage of the engine (a stage added to @app/procedure needs a cover)', () => {
    expect(stagesNotCovered()).toEqual([]);
    expect(new Set(COVERS.map((c) => c.stage)).size).toBe(STAGES.length);
  });

  it('tells a stage that no cover reaches', () => {
    expect(stagesNotCovered(COVERS.filter((c) => c.stage !== 'ARB_22_6'))).toEqual(['ARB_22_6']);
  });
});
