export const ROLES = ['SECRETARIAT', 'MEMBER_DELEGATE', 'PANELIST'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: the signed-in user as the service layer sees them. */
export interface Actor {
  userId: string;
  role: Role;
  /** The member a delegate acts for; null for other roles. */
  memberId: string | null;
  /** The sign-in (session) the access token came from; absent where no token is involved. */
  signInId?: string;
  /**
   * The sign-in may only enrol the second factor the user's role requires (MFA_REQUIRED_ROLES):
   * the guard refuses every other operation, and `@CurrentUser()` reads such an actor as
   * anonymous everywhere but in the operations open to it (`@AllowDuringMfaEnrolment()`).
   */
  mfaEnrolmentOnly?: boolean;
  /**
   * The user's preferred working language (`users.language`), loaded with the user by the
   * authentication so that a request's language costs no query of its own (requestLanguage);
   * null: none chosen; absent where no token is involved.
   */
  language?: string | null;
}

/** The worker and start-up tasks act as the system, which the audit trail records as such. */
export const SYSTEM_ACTOR = null;
