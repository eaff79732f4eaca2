/**
 * The operations the explorer opens with: one window per kind of user, each a document of named
 * operations (Altair asks which one to run) with its variables. e2e/core/explorer.e2e-spec.ts
 * validates every one against the application's schema, so a schema change that breaks an example
 * fails the tests. Ids in the variables are placeholders: the comments say which operation gives
 * the real one.
 */
export interface ExplorerExample {
  /** The window's title. */
  title: string;
  /** The demo environment the window is meant for (README.md, "Exploring the API"); none: anonymous. */
  role: 'ANONYMOUS' | 'MEMBER_DELEGATE' | 'PANELIST' | 'SECRETARIAT';
  query: string;
  variables: Record<string, unknown>;
}

const ANONYMOUS = `# The public docket: no sign-in (environment: "No environment", top right).
# Put the cursor in an operation and send (Ctrl-Enter); the Docs pane (right) describes every field.

query PublicDisputes {
  disputes(first: 10) {
    nodes { id docketNumber title stage stageLabel filedAt complainant { code name } respondents { code name } }
    pageInfo { hasNextPage endCursor }
  }
}

query PublicDocket($docketNumber: String) {
  dispute(docketNumber: $docketNumber) {
    docketNumber title stageLabel nextDeadline { rule dueDate description }
    docket(first: 20) { nodes { seq occurredAt kind text documents { title classification downloadPath } } }
  }
}

query Members {
  members(first: 50) { nodes { code name joinedOn status } }
}

query Statistics {
  statistics { asOf disputesPerStage { stage label count } }
}

query AdoptedReports {
  adoptedReports(first: 5) { nodes { dispute { docketNumber title } report { adopted versions { title version circulatedAt } } } }
}
`;

const DELEGATE = `# A member's delegation (environment "Delegate of China (demo)" or another delegate).
# The pre-request script (Pre-request tab) signs in with the environment's email and password.

query Me {
  me { email role displayName member { code name } }
}

# The disputes your member takes part in: member is your member's code (Me above).
query MyDisputes($member: String) {
  disputes(first: 20, filter: { member: $member }) {
    nodes { id docketNumber title stageLabel nextDeadline { rule dueDate description } allowedActions { now { action mutation } } }
  }
}

query MyDeadlines($member: String) {
  deadlines(first: 20, filter: { member: $member, status: OPEN }) {
    nodes { rule article dueDate binds description dispute { docketNumber } }
  }
}

# Files a document: content is the file in base64 ("SGVsbG8=" is "Hello"); disputeId from MyDisputes.
mutation FileDocument($disputeId: ID!) {
  fileDocument(input: {
    disputeId: $disputeId
    kind: OTHER
    classification: RESTRICTED
    title: "Letter to the panel"
    fileName: "letter.txt"
    mediaType: "text/plain"
    content: "SGVsbG8="
    idempotencyKey: "letter-1"
  }) { id title classification filedAt downloadPath }
}

# The respondent answers a request for consultations within 10 days (DSU 4.3).
mutation AnswerRequest($disputeId: ID!) {
  takeAction(input: { disputeId: $disputeId, action: replyToRequest, note: "We accept to enter into consultations" }) {
    docketNumber stageLabel deadlines { rule status dueDate }
  }
}

query MyNotices {
  myNotices(first: 20, unacknowledgedOnly: true) { nodes { id subject docketNumber createdAt mandatory } }
}
`;

const PANELIST = `# A panelist (environment "Panelist (demo)").

query Me {
  me { email role displayName }
}

# The disputes whose panel you sit on, with the panel and its timetable.
query MyPanels {
  disputes(first: 20) {
    nodes { id docketNumber title stageLabel panel { chair person { name } } timetable { kind dueDate status } }
  }
}

query MyHearings($from: DateTime) {
  hearings(first: 20, filter: { from: $from }) {
    nodes { id kind status localStart localEnd timeZone dispute { docketNumber } participants { kind name attended } }
  }
}

# Submits a version of the report (content in base64); disputeId from MyPanels.
mutation SubmitDescriptivePart($disputeId: ID!) {
  submitReport(input: {
    disputeId: $disputeId
    version: DESCRIPTIVE_PART
    title: "Descriptive part"
    fileName: "descriptive-part.txt"
    mediaType: "text/plain"
    content: "SGVsbG8="
  }) { id version status title }
}

query Report($disputeId: ID) {
  dispute(id: $disputeId) { docketNumber report { adopted versions { id version status title issuedAt circulatedAt } } }
}
`;

const REGISTRAR = `# The registry (environment "Registrar (demo)": the secretariat needs a second factor).
# First sign-in: send EnrolSecondFactor, add the otpauthUri to an authenticator app (or run
# npm run totp -- SECRET), then ConfirmSecondFactor with its code. Later sign-ins: put the
# app's current code in the environment as code.

mutation EnrolSecondFactor {
  enrollTotp { secret otpauthUri }
}

mutation ConfirmSecondFactor($code: String!) {
  confirmTotp(code: $code) { recoveryCodes }
}

query Docket($first: Int!) {
  disputes(first: $first) {
    nodes { id docketNumber title stageLabel urgent nextDeadline { rule dueDate binds } }
  }
}

query DeadlinesDueSoon($dueBefore: LocalDate) {
  deadlines(first: 50, filter: { status: OPEN, dueBefore: $dueBefore }) {
    nodes { rule article dueDate binds strength dispute { docketNumber } }
  }
}

# A meeting of the body, at least BODY_MEETING_NOTICE_DAYS ahead (README.md, Configuration).
mutation ScheduleMeeting($heldOn: LocalDate!) {
  scheduleBodyMeeting(heldOn: $heldOn) { id heldOn convenedOn statusReportsDue }
}

query Meetings($from: LocalDate!, $to: LocalDate!) {
  bodyMeetings(from: $from, to: $to) { id heldOn presentMembers }
}

# Opens the election of an established dispute's panel (libs/panels/README.md).
mutation OpenElection($disputeId: ID!, $opensAt: DateTime!, $closesAt: DateTime!) {
  openElection(input: { disputeId: $disputeId, opensAt: $opensAt, closesAt: $closesAt }) {
    id status opensAt closesAt seats candidates { name nationality }
  }
}
`;

export const EXPLORER_EXAMPLES: ExplorerExample[] = [
  { title: 'Public docket', role: 'ANONYMOUS', query: ANONYMOUS, variables: { docketNumber: 'DS1' } },
  {
    title: 'Delegate',
    role: 'MEMBER_DELEGATE',
    query: DELEGATE,
    variables: { member: 'CHN', disputeId: 'an id from MyDisputes' },
  },
  {
    title: 'Panelist',
    role: 'PANELIST',
    query: PANELIST,
    variables: { disputeId: 'an id from MyPanels', from: '2026-01-01T00:00:00Z' },
  },
  {
    title: 'Registrar',
    role: 'SECRETARIAT',
    query: REGISTRAR,
    variables: {
      first: 20,
      code: '123456',
      dueBefore: '2026-12-31',
      heldOn: '2026-12-15',
      from: '2026-01-01',
      to: '2026-12-31',
      disputeId: 'an id from Docket',
      opensAt: '2026-12-01T09:00:00Z',
      closesAt: '2026-12-10T17:00:00Z',
    },
  },
];
