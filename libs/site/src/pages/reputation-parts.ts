import { formatNumber, type Language, type Translator } from '@app/i18n';
import type { Stage } from '@app/procedure';

// What the reputation pages share (statistics, members, the periodic report): the limit of a
// stage in words, days, shares, and the phases the year chart groups the stages into.

export interface LimitFields {
  limitArticle: string | null;
  limitDays: number | null;
  limitMonths: number | null;
}

/** A stage's limit in words: "30 days (DSU 4.3)", "6 months (DSU 12.8)", counted in meetings, or none. */
export function limitText(t: Translator, limit: LimitFields): string {
  if (!limit.limitArticle) return t('reputation.limit.none');
  if (limit.limitDays !== null) return t('reputation.limit.days', { count: limit.limitDays, article: limit.limitArticle });
  if (limit.limitMonths !== null) return t('reputation.limit.months', { count: limit.limitMonths, article: limit.limitArticle });
  return t('reputation.limit.meetings', { article: limit.limitArticle });
}

/**
 * A limit's length in days for the chart's tick: months as the average calendar month (30.44
 * days), since the chart draws one scale; the table beside it gives the limit as the rules say it.
 */
export function limitInDays(limit: LimitFields): number | null {
  if (limit.limitDays !== null) return limit.limitDays;
  if (limit.limitMonths !== null) return Math.round(limit.limitMonths * 30.44);
  return null;
}

export function daysText(t: Translator, days: number | null): string {
  return days === null ? '–' : t('common.days', { count: Math.round(days) });
}

/** "3 of 10 (30 %)", or a dash when nothing is counted. */
export function shareText(t: Translator, language: Language, part: number | null, whole: number | null): string {
  if (part === null || whole === null || whole === 0) return '–';
  return t('reputation.share', {
    part,
    whole,
    percent: formatNumber(language, part / whole, { style: 'percent', maximumFractionDigits: 0 }),
  });
}

export const PHASES = ['CONSULTATIONS', 'PANEL', 'APPEAL', 'IMPLEMENTATION', 'CLOSED'] as const;
export type Phase = (typeof PHASES)[number];

/** The phase of the procedure a stage belongs to: the year chart's colours (the table beside it has the same groups). */
export function phaseOf(stage: Stage): Phase {
  switch (stage) {
    case 'CONSULTATIONS_REQUESTED':
    case 'IN_CONSULTATIONS':
      return 'CONSULTATIONS';
    case 'PANEL_REQUESTED':
    case 'PANEL_ESTABLISHED':
    case 'PANEL_COMPOSED':
    case 'PANEL_PROCEEDINGS':
    case 'SUSPENDED':
    case 'INTERIM_REVIEW':
    case 'REPORT_CIRCULATED':
      return 'PANEL';
    case 'UNDER_APPEAL':
    case 'APPEAL_SUSPENDED':
      return 'APPEAL';
    case 'SETTLED_MAS':
    case 'WITHDRAWN':
    case 'LAPSED':
    case 'NOT_ADOPTED':
    case 'COMPLIED':
      return 'CLOSED';
    default:
      return 'IMPLEMENTATION';
  }
}
