import { ManualClock } from './clock';
import { SandboxClock } from './sandbox-clock';

describe('SandboxClock', () => {
  it('is the base clock until it is moved', () => {
    const base = new ManualClock('2026-03-02T09:00:00Z');
    const clock = new SandboxClock(base);
    expect(clock.now().toISOString()).toBe('2026-03-02T09:00:00.000Z');
    base.advance(1000);
    expect(clock.now().toISOString()).toBe('2026-03-02T09:00:01.000Z');
  });

  it('runs on from a moved instant with real time, and stands still while frozen', () => {
    const base = new ManualClock('2026-03-02T09:00:00Z');
    const clock = new SandboxClock(base);
    clock.apply({ instant: new Date('2026-04-01T00:00:00Z'), realAt: base.now(), frozen: false });
    base.advance(5000);
    expect(clock.now().toISOString()).toBe('2026-04-01T00:00:05.000Z');
    clock.apply({ instant: new Date('2026-04-02T00:00:00Z'), realAt: base.now(), frozen: true });
    base.advance(5000);
    expect(clock.now().toISOString()).toBe('2026-04-02T00:00:00.000Z');
  });

  it('never goes back, whatever it is told', () => {
    const base = new ManualClock('2026-03-02T09:00:00Z');
    const clock = new SandboxClock(base);
    clock.apply({ instant: new Date('2026-04-01T00:00:00Z'), realAt: base.now(), frozen: true });
    expect(clock.now().toISOString()).toBe('2026-04-01T00:00:00.000Z');
    clock.apply({ instant: new Date('2026-03-20T00:00:00Z'), realAt: base.now(), frozen: true });
    expect(clock.now().toISOString()).toBe('2026-04-01T00:00:00.000Z');
    clock.apply(null);
    expect(clock.now().toISOString()).toBe('2026-04-01T00:00:00.000Z');
  });
});
