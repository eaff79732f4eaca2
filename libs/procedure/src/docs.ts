import { DEADLINE_RULE_CODES, DEADLINE_RULES, type DeadlineRuleCode } from './deadline-rules';
import { fromStages, TRANSITIONS, type Transition } from './transitions';
import { ACTIVE_STAGES } from './stages';

// The README's tables, made from the data so that they never drift from it (a unit test compares
// them; `npm run docs:procedure` writes them).

const code = (value: string) => `\`${value}\``;
const list = (values: readonly string[]) => (values.length ? values.join(', ') : '—');

function stages(transition: Transition): string {
  const from = fromStages(transition);
  const source = from.length === ACTIVE_STAGES.length ? 'any active' : from.join(', ');
  const to = transition.to === null ? '(stays)' : transition.to === 'PREVIOUS' ? 'the stage before the suspension' : transition.to;
  return `${source} → ${to}`;
}

function precondition(transition: Transition): string {
  const parts = [transition.requires ?? ''];
  if (transition.atMeeting) parts.push('at a meeting of the body: held that day, convened with notice, a quorum present');
  if (transition.needs === 'RPT_END') parts.push('input `rptEndsOn` (not past)');
  if (transition.needs === 'EXTENSION') parts.push('input `extension {rule, until}`: rule extendable, running, not run out, later end');
  if (transition.needs === 'TIMETABLE') parts.push('input: a date for each step of the timetable');
  if (transition.needs === 'TIMETABLE_CHANGE') parts.push('input `extension {rule, until}`: a step still to come, not into the past');
  if (transition.needs === 'REASONS') parts.push('reasons (the note), docketed');
  if (transition.automatic) parts.push('taken by the worker');
  return parts.filter(Boolean).join('; ') || '—';
}

/** The transition table of the README, one line per action. */
export function transitionTable(): string {
  const lines = [
    '| action | from → to | actors | article | opens | meets | cancels | precondition |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const t of TRANSITIONS) {
    const cancels = t.cancels === 'ALL_OPEN' ? 'all open' : list(t.cancels);
    const opens = [
      ...t.opens,
      ...(t.supersedes ?? []).map((s) => `${s.by} (replaces ${s.rule})`),
      ...(t.needs === 'TIMETABLE' ? ['the TIMETABLE_ steps'] : []),
    ];
    lines.push(
      `| ${code(t.action)} | ${stages(t)} | ${t.actors.join(', ')} | ${t.article} | ${list(opens)} | ${list(t.meets)} | ${cancels} | ${precondition(t)} |`,
    );
  }
  return lines.join('\n');
}

function length(rule: DeadlineRuleCode): string {
  const { length: l } = DEADLINE_RULES[rule];
  if (l.unit === 'BODY_MEETINGS') return `${l.value} meetings`;
  const unit = l.unit === 'DAYS' ? 'd' : ' mo';
  return `${l.value}${unit}${'urgent' in l && l.urgent !== undefined ? ` (urgent ${l.urgent}${unit})` : ''}`;
}

/** The table of time limits of the README, one line per rule. */
export function ruleTable(): string {
  const lines = [
    '| code | article | length | kind | strength | binds | counted from | on expiry | applies in | row |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const rule of DEADLINE_RULE_CODES) {
    const r = DEADLINE_RULES[rule];
    const appliesIn = r.appliesIn === 'ANY_ACTIVE' ? 'any active' : r.appliesIn.join(', ');
    const row = r.tracked ? (r.extendable ? 'yes, extendable' : 'yes') : 'no';
    lines.push(
      `| ${code(rule)} | ${r.article} | ${length(rule)} | ${r.kind} | ${r.strength} | ${r.binds} | ${r.countedFrom} | ${r.onExpiry} | ${appliesIn} | ${row} |`,
    );
  }
  return lines.join('\n');
}

/** The markers around the generated tables in the README. */
export const DOC_SECTIONS = {
  transitions: ['<!-- transitions:start -->', '<!-- transitions:end -->'],
  rules: ['<!-- rules:start -->', '<!-- rules:end -->'],
} as const;

/** The README with its generated sections replaced by the tables made from the data. */
export function withGeneratedTables(readme: string): string {
  let text = readme;
  for (const [key, table] of [
    ['transitions', transitionTable()],
    ['rules', ruleTable()],
  ] as const) {
    const [start, end] = DOC_SECTIONS[key];
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README: the markers ${start} … ${end} are missing`);
    text = `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`;
  }
  return text;
}
