import { proposeTimetable } from './appendix3';

describe('Appendix 3 default timetable', () => {
  it('counts each step from the previous one, 23 weeks in all', () => {
    const steps = proposeTimetable('2026-03-02', (d) => d);
    expect(steps[0]).toEqual({ kind: 'FIRST_SUBMISSION_COMPLAINANT', dueDate: '2026-03-23', paragraph: '¶12(a)' });
    expect(steps.find((s) => s.kind === 'THIRD_PARTY_SESSION')!.dueDate).toBe(
      steps.find((s) => s.kind === 'FIRST_SUBSTANTIVE_MEETING')!.dueDate,
    );
    expect(steps[steps.length - 1]).toMatchObject({ kind: 'CIRCULATION', dueDate: '2026-08-10' });
  });

  it('moves a step off a closed day without moving the chain', () => {
    const steps = proposeTimetable('2026-03-02', (d) => (d === '2026-03-23' ? '2026-03-24' : d));
    expect(steps[0].dueDate).toBe('2026-03-24');
    expect(steps[1].dueDate).toBe('2026-04-06');
  });
});
