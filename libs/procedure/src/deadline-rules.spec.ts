import { DEADLINE_RULE_CODES, DEADLINE_RULES, type DeadlineRuleCode, DATED_BY_DECISION_RULES } from './deadline-rules';
import { FILING, TRANSITIONS } from './transitions';

const opened = new Set<DeadlineRuleCode>([
  ...FILING.opens,
  ...TRANSITIONS.flatMap((t) => [...t.opens, ...(t.supersedes ?? []).map((s) => s.by)]),
]);

describe('deadline rule catalogue', () => {
  it('has one entry per code, under its own code', () => {
    expect(Object.keys(DEADLINE_RULES).sort()).toEqual([...DEADLINE_RULE_CODES].sort());
    for (const code of DEADLINE_RULE_CODES) expect(DEADLINE_RULES[code].code).toBe(code);
  });

  it.each(DEADLINE_RULE_CODES)('%s cites an article and says what happens on expiry', (code) => {
    const rule = DEADLINE_RULES[code];
    expect(rule.article).toMatch(/^(DSU|DSB) /);
    expect(rule.description.length).toBeGreaterThan(20);
    expect(rule.onExpiry.length).toBeGreaterThan(5);
    expect(rule.length.value).toBeGreaterThanOrEqual(0);
  });

  it('encodes the consultation limits of DSU 4.3, 4.7, 4.8 and 4.11', () => {
    expect(DEADLINE_RULES.REPLY_TO_REQUEST.length).toEqual({ unit: 'DAYS', value: 10 });
    expect(DEADLINE_RULES.ENTER_CONSULTATIONS.length).toEqual({
      unit: 'DAYS',
      value: 30,
      urgent: 10,
    });
    expect(DEADLINE_RULES.EARLIEST_PANEL_REQUEST.length).toEqual({
      unit: 'DAYS',
      value: 60,
      urgent: 20,
    });
    expect(DEADLINE_RULES.EARLIEST_PANEL_REQUEST.kind).toBe('WAITING_PERIOD');
    expect(DEADLINE_RULES.THIRD_PARTY_CONSULTATIONS.length).toEqual({ unit: 'DAYS', value: 10 });
  });

  it('counts the long limits in months, with the urgent panel report', () => {
    expect(DEADLINE_RULES.PANEL_REPORT.length).toEqual({ unit: 'MONTHS', value: 6, urgent: 3 });
    expect(DEADLINE_RULES.PANEL_CIRCULATION.length).toEqual({ unit: 'MONTHS', value: 9 });
    expect(DEADLINE_RULES.SUSPENSION_LIMIT.length).toEqual({ unit: 'MONTHS', value: 12 });
    expect(DEADLINE_RULES.RPT_GUIDELINE.length).toEqual({ unit: 'MONTHS', value: 15 });
  });

  it('marks "should" limits as guidelines and "shall" limits as hard', () => {
    const guidelines = DEADLINE_RULE_CODES.filter((code) => DEADLINE_RULES[code].strength === 'GUIDELINE');
    expect(guidelines.sort()).toEqual(
      [
        'ADOPTION_GUIDELINE',
        'ADOPTION_GUIDELINE_APPEALED',
        'APPELLATE_REPORT',
        'PANEL_CIRCULATION',
        'PANEL_REPORT',
        'RPT_GUIDELINE',
      ].sort(),
    );
  });

  it('tracks as rows exactly the rules some transition, a dated decision or a module opens', () => {
    // DSU 18.2: a member's request for a summary opens its row (the documents module).
    const byModule: readonly DeadlineRuleCode[] = ['NON_CONFIDENTIAL_SUMMARY'];
    for (const code of DEADLINE_RULE_CODES) {
      const byCalendar = DATED_BY_DECISION_RULES.includes(code) || byModule.includes(code);
      expect([code, DEADLINE_RULES[code].tracked]).toEqual([code, opened.has(code) || byCalendar]);
      expect([code, opened.has(code) && byCalendar]).toEqual([code, false]);
    }
  });

  it('never tracks advance notices or limits counted in meetings, but those a dated decision opens', () => {
    for (const code of DEADLINE_RULE_CODES) {
      const rule = DEADLINE_RULES[code];
      if (DATED_BY_DECISION_RULES.includes(code)) continue;
      expect([code, rule.appliesIn.length > 0]).toEqual([code, true]);
      if (rule.kind === 'ADVANCE_NOTICE' || rule.length.unit === 'BODY_MEETINGS') {
        expect([code, rule.tracked]).toEqual([code, false]);
      }
    }
  });

  it('applies every limit a transition opens in the stage the transition leads to', () => {
    for (const t of TRANSITIONS) {
      if (t.to === null || t.to === 'PREVIOUS') continue;
      for (const code of t.opens) {
        const { appliesIn } = DEADLINE_RULES[code];
        expect([t.action, code, appliesIn === 'ANY_ACTIVE' || appliesIn.includes(t.to)]).toEqual([t.action, code, true]);
      }
    }
  });

  it('replaces limits only by longer ones in the same unit', () => {
    for (const { supersedes = [] } of TRANSITIONS) {
      for (const { rule, by } of supersedes) {
        const [old, longer] = [DEADLINE_RULES[rule].length, DEADLINE_RULES[by].length];
        expect(longer.unit).toBe(old.unit);
        expect(longer.value).toBeGreaterThan(old.value);
      }
    }
  });
});
