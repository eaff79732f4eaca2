/**
 * Whether a raw statement (`dataSource.query`) may be answered by a read replica (README, "Running
 * on several machines"), judged by its text alone: ReadReplicas sends it there only outside a
 * transaction, in an anonymous request's scope whose route names a replica.
 *
 * A plain SELECT (or WITH ... SELECT) only. The text is searched as written, comments and string
 * literals included: a word below anywhere keeps the statement on the primary, where any
 * statement is answered correctly, so a false alarm costs only the replica's help.
 */
export function replicaMayAnswer(sql: string): boolean {
  if (!LEADING_READ.test(withoutLeadingComments(sql))) return false;
  return !PRIMARY_ONLY.some((pattern) => pattern.test(sql));
}

const LEADING_READ = /^(select|with)\b/i;

/** What keeps a statement on the primary, and why. */
const PRIMARY_ONLY: readonly RegExp[] = [
  // A second statement after a `;`: only the first would have been judged.
  /;\s*\S/,
  // A write, in a data-modifying WITH or as SELECT ... INTO (a new table): a replica refuses
  // writes, and a write must be on the primary anyway.
  /\b(insert|update|delete|merge|truncate|into)\b/i,
  // A row lock (FOR UPDATE, FOR NO KEY UPDATE, FOR SHARE, FOR KEY SHARE: `update` above catches
  // the first two): it exists to order writers on the primary, and a replica refuses it.
  /\bfor\s+(key\s+)?share\b/i,
  // NOTIFY and LISTEN: a notification is for the primary's listeners (PgListener), a replica
  // refuses to send one, and a LISTEN on a pooled connection would hear nothing useful.
  /\b(pg_notify|notify|listen|unlisten)\b/i,
  // Advisory locks (pg_advisory_lock, pg_try_advisory_xact_lock, pg_advisory_unlock...): they
  // exclude other processes only on the server they are taken on, the primary.
  /advisory/i,
  // Sequences advance (a write) or are per session; set_config changes a pooled session.
  /\b(nextval|setval|currval|lastval|set_config)\b/i,
  // The primary's own state: its transaction ids, WAL positions, activity and locks, and its
  // backends; a replica answers with its own or refuses.
  /\b(txid_current\w*|pg_current_\w+|pg_stat\w*|pg_locks|pg_terminate_backend|pg_cancel_backend)\b/i,
  // The version of the public data is what a replica is compared with: it is the primary's by
  // definition (a replica's would always look caught up).
  /\bpublic_read_version\b/i,
  // Counted outside commands, so not covered by the version a replica is chosen by, and a limit
  // must see every hit of every process at once.
  /\brate_limits\b/i,
];

/** The text from its first word on: leading blanks, `-- line` and `/* block *\/` comments skipped. */
function withoutLeadingComments(sql: string): string {
  let rest = sql.trimStart();
  for (;;) {
    if (rest.startsWith('--')) {
      const end = rest.indexOf('\n');
      rest = end < 0 ? '' : rest.slice(end + 1).trimStart();
    } else if (rest.startsWith('/*')) {
      const end = rest.indexOf('*/');
      // PostgreSQL nests block comments: rather than count them, such a statement is not judged a read.
      if (end < 0 || rest.slice(2, end).includes('/*')) return '';
      rest = rest.slice(end + 2).trimStart();
    } else {
      return rest;
    }
  }
}
