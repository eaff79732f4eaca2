/**
 * Real WTO disputes as data, for the replay suite (`e2e/replay/*.e2e-spec.ts`): each dated step of
 * a case, taken from the WTO's public record, with the source of each date. The replay sets the
 * clock to each date, takes the step through the GraphQL API and checks the limits the engine
 * computes.
 *
 * Where the body's rules differ from the WTO's on purpose (its panels are elected by the members,
 * not agreed by the parties or appointed by the Director-General), the step says so in `note`.
 */

/** A member as the fixture names it: an ISO 3166-1 alpha-3 code and the member's name. */
export interface ReplayMember {
  /** ISO 3166-1 alpha-3. The European Union has none: it uses the stand-in `BEL` (see `note`). */
  readonly code: string;
  readonly name: string;
}

/** Where a date comes from: a WTO page or document (symbol and title), with its address. */
export interface ReplaySource {
  readonly title: string;
  readonly url?: string;
  /** The WTO document symbol, e.g. WT/DS267/AB/R, where the date comes from one. */
  readonly symbol?: string;
}

/**
 * One step of the real case. `by` names the acting party where it matters; `member` a third party.
 * Kinds (what the WTO record shows, in its words):
 * - requestConsultations: the request for consultations (WT/DSn/1), `urgent` for DSU 4.8;
 * - joinConsultations: a member asks to join the consultations (DSU 4.11), `member`; `accepted`
 *   when the record says whether the respondent accepted;
 * - requestPanel: the request for the establishment of a panel;
 * - panelNotEstablished: a body meeting at which the request was on the agenda and the panel was
 *   not established (the respondent objected, or the complainant deferred it: `deferredBy`);
 * - establishPanel: the panel was established;
 * - reserveThirdPartyRights: members reserved third-party rights (DSU 10.2), `members`;
 * - requestDgAppointment: a party asked the Director-General to compose the panel (DSU 8.7);
 * - composePanel: the panel was composed, `how` AGREEMENT or DIRECTOR_GENERAL, `panelists` (3 or 5);
 * - requestSuspension / suspend / resume / lapse: DSU 12.12;
 * - informBodyOfDelay: the panel (or the appellate body, `appellate`) told the body it would be
 *   late (DSU 12.9, 17.5), with the date it expected to finish where the record gives one;
 * - finalReportToParties: the final report was issued to the parties (where the record says);
 * - circulateReport: the panel report was circulated (WT/DSn/R);
 * - appeal: notice of appeal (`by`); crossAppeal: another appellant's notice (`by`);
 * - circulateAppellateReport: the appellate report was circulated (WT/DSn/AB/R);
 * - extendAdoptionPeriod: the body extended, at the parties' joint request, the 60 days within which
 *   the report is adopted or appealed (DSU 16.4), to `until`;
 * - adopt: the body adopted the report(s);
 * - stateIntentions: the respondent stated its intentions on implementation (DSU 21.3);
 * - agreeRpt: the parties agreed the reasonable period of time, `rptEndsOn`;
 * - requestRptArbitration: a party referred the RPT to arbitration (DSU 21.3(c));
 * - rptAward: the arbitrator's award (WT/DSn/ARB…), `rptEndsOn`;
 * - extendRpt: the parties agreed to extend the RPT, `rptEndsOn` (the new last day);
 * - requestComplianceReview: a party requested a compliance panel (DSU 21.5);
 * - referComplianceReview: the body referred the matter to the (original) panel;
 * - composeCompliancePanel: the compliance panel was composed;
 * - circulateComplianceReport: the compliance report was circulated (WT/DSn/RW);
 * - appealComplianceReport: notice of appeal of the compliance report (`by`), crossAppeal likewise;
 * - circulateComplianceAppellateReport: WT/DSn/AB/RW circulated;
 * - adoptComplianceReport: the body adopted the compliance report(s);
 * - requestRetaliation: the complainant requested authorisation to suspend concessions (22.2);
 * - objectToRetaliationLevel: the respondent objected; the matter went to arbitration (22.6);
 * - retaliationAward: the 22.6 arbitrator's decision (WT/DSn/ARB);
 * - authorizeSuspension: the body authorised the suspension of concessions;
 * - mutuallyAgreedSolution: the parties notified a mutually agreed solution (DSU 3.6);
 * - withdraw: the complainant withdrew / the case was terminated;
 * - declareCompliance: the matter left the body's agenda as resolved;
 * - notAdopted: (constructed only) the body decided by consensus not to adopt the report.
 */
export type ReplayStepKind =
  | 'requestConsultations'
  | 'joinConsultations'
  | 'requestPanel'
  | 'panelNotEstablished'
  | 'establishPanel'
  | 'reserveThirdPartyRights'
  | 'requestDgAppointment'
  | 'composePanel'
  | 'requestSuspension'
  | 'suspend'
  | 'resume'
  | 'lapse'
  | 'informBodyOfDelay'
  | 'finalReportToParties'
  | 'circulateReport'
  | 'appeal'
  | 'crossAppeal'
  | 'circulateAppellateReport'
  | 'extendAdoptionPeriod'
  | 'adopt'
  | 'stateIntentions'
  | 'agreeRpt'
  | 'requestRptArbitration'
  | 'rptAward'
  | 'extendRpt'
  | 'requestComplianceReview'
  | 'referComplianceReview'
  | 'composeCompliancePanel'
  | 'circulateComplianceReport'
  | 'appealComplianceReport'
  | 'circulateComplianceAppellateReport'
  | 'adoptComplianceReport'
  | 'requestRetaliation'
  | 'objectToRetaliationLevel'
  | 'retaliationAward'
  | 'authorizeSuspension'
  | 'mutuallyAgreedSolution'
  | 'withdraw'
  | 'declareCompliance'
  | 'notAdopted';

export interface ReplayStep {
  /** The real date, YYYY-MM-DD (Geneva). */
  readonly on: string;
  readonly step: ReplayStepKind;
  readonly by?: 'COMPLAINANT' | 'RESPONDENT';
  readonly member?: ReplayMember;
  readonly members?: readonly ReplayMember[];
  readonly accepted?: boolean;
  readonly deferredBy?: 'COMPLAINANT' | 'RESPONDENT';
  readonly urgent?: boolean;
  readonly how?: 'AGREEMENT' | 'DIRECTOR_GENERAL';
  readonly panelists?: 3 | 5;
  readonly appellate?: boolean;
  /** extendAdoptionPeriod: the new last day for adoption or appeal. */
  readonly until?: string;
  /** agreeRpt, rptAward, extendRpt: the last day of the reasonable period. */
  readonly rptEndsOn?: string;
  /** informBodyOfDelay: the date the panel or appellate body expected to finish. */
  readonly expectedBy?: string;
  readonly source: ReplaySource;
  /** Anything a reader needs: an approximation, a difference from the WTO on purpose. */
  readonly note?: string;
  /**
   * A step the procedure needs between two recorded ones whose date the record does not give
   * (e.g. the request for consultations of a case whose record starts at establishment): dated as
   * `note` explains, never presented as a recorded fact.
   */
  readonly implied?: boolean;
}

export interface ReplayCase {
  /** WTO number, e.g. 'DS267'. */
  readonly ds: string;
  /** Short title as the WTO gives it, e.g. 'US — Upland Cotton'. */
  readonly title: string;
  readonly complainant: ReplayMember;
  readonly respondent: ReplayMember;
  /** One line on what the case shows for the replay (e.g. 'DG composition, 21.5 with appeal'). */
  readonly covers: string;
  /** Whether any step is constructed rather than real (then `note` on those steps says so). */
  readonly constructed?: boolean;
  /** In date order (same-day steps in the order they happened). */
  readonly steps: readonly ReplayStep[];
  /**
   * Where the replay stops before the record does, and why: a turn of the real case the body's
   * procedure does not follow (the steps after it stay in the record).
   */
  readonly replayUntil?: { readonly on: string; readonly why: string };
  /** The case's WTO page. */
  readonly source: ReplaySource;
}
