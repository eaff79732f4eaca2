/**
 * The roles an actor can hold in one dispute, as the procedure engine sees them.
 *
 * The service layer works out the roles of the signed-in user for the dispute at hand and passes
 * them to the engine as an array (a panel's chair holds both `PANEL` and `PANEL_CHAIR`; a
 * secretariat user recording a decision of the dispute body holds `SECRETARIAT` and `BODY`).
 *
 * - `COMPLAINANT`, `RESPONDENT`: a delegate of a party.
 * - `THIRD_PARTY`: a delegate of a member that has joined the dispute as a third party.
 * - `MEMBER`: a delegate of a member that is not a party (nor yet a third party), e.g. to join.
 * - `SECRETARIAT`: registry staff, acting in their own name.
 * - `PANEL`: a panelist of the dispute's panel, recording a decision of the panel.
 * - `PANEL_CHAIR`: the panel's chair, for acts the chair signs alone.
 * - `BODY`: the dispute body acting collectively; its decisions are recorded by the secretariat.
 * - `SYSTEM`: the worker, taking automatic transitions.
 */
export const ACTOR_ROLES = [
  'COMPLAINANT',
  'RESPONDENT',
  'THIRD_PARTY',
  'MEMBER',
  'SECRETARIAT',
  'PANEL',
  'PANEL_CHAIR',
  'BODY',
  'SYSTEM',
] as const;

/** One of {@link ACTOR_ROLES}. */
export type ActorRole = (typeof ACTOR_ROLES)[number];

/** The two sides of a dispute. */
export type PartyRole = 'COMPLAINANT' | 'RESPONDENT';

/** The parties, in a fixed order. */
export const PARTY_ROLES: readonly PartyRole[] = ['COMPLAINANT', 'RESPONDENT'];

/**
 * Who a time limit binds: the one whose act is awaited. Wider than {@link ActorRole} because some
 * limits bind people who do not use the system themselves (the appellate body, an arbitrator, the
 * Director-General); their acts are recorded by the secretariat.
 */
export type Addressee =
  | 'COMPLAINANT'
  | 'RESPONDENT'
  | 'PARTIES'
  | 'MEMBERS'
  | 'PANEL'
  | 'SECRETARIAT'
  | 'BODY'
  | 'APPELLATE_BODY'
  | 'ARBITRATOR'
  | 'DIRECTOR_GENERAL';

/** Human labels for the roles, for refusal messages. */
export const ACTOR_ROLE_LABELS: Readonly<Record<ActorRole, string>> = {
  COMPLAINANT: 'the complainant',
  RESPONDENT: 'the respondent',
  THIRD_PARTY: 'a third party',
  MEMBER: 'a member that is not a party',
  SECRETARIAT: 'the secretariat',
  PANEL: 'the panel',
  PANEL_CHAIR: 'the chair of the panel',
  BODY: 'the dispute body (recorded by the secretariat)',
  SYSTEM: 'the system',
};
