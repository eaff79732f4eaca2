import { deliberationState, majorityOf } from './majority';

describe('majority of the seated panel', () => {
  it('needs 2 of 3 and 3 of 5', () => {
    expect(majorityOf(3)).toBe(2);
    expect(majorityOf(5)).toBe(3);
  });
  it('approves, rejects or waits', () => {
    expect(deliberationState(3, 2, 0)).toBe('APPROVED');
    expect(deliberationState(3, 1, 1)).toBe('PENDING');
    expect(deliberationState(3, 0, 2)).toBe('REJECTED');
    expect(deliberationState(5, 2, 2)).toBe('PENDING');
    expect(deliberationState(5, 2, 3)).toBe('REJECTED');
  });
});
