import { replicaMayAnswer } from './replica-reads';

describe('replicaMayAnswer (which raw statements an anonymous request may read from a replica)', () => {
  it.each([
    'SELECT version::text AS version FROM statistics_version',
    '  select stage, count(*)::int AS count FROM disputes GROUP BY stage',
    `-- the docket's latest
     /* one statement */ SELECT id FROM docket_entries ORDER BY occurred_at DESC LIMIT 100`,
    `WITH ended AS (SELECT stage FROM dispute_stage_periods WHERE left_at IS NOT NULL) SELECT stage FROM ended`,
    'SELECT updated_at, last_updated_by FROM hearings WHERE id = $1;',
    'SELECT shared_with, lock_reason FROM documents',
  ])('a plain read may go to a replica: %s', (sql) => {
    expect(replicaMayAnswer(sql)).toBe(true);
  });

  it.each([
    ['a write', 'INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, $3)'],
    ['a write', 'UPDATE disputes SET title = $1'],
    ['a write', 'DELETE FROM document_chunks WHERE content_key = $1'],
    ['a data-modifying WITH', 'WITH gone AS (DELETE FROM uploads WHERE id = $1 RETURNING id) SELECT id FROM gone'],
    ['a data-modifying WITH', 'WITH moved AS (UPDATE notices SET sent_at = now() RETURNING id) SELECT count(*) FROM moved'],
    ['SELECT INTO (a new table)', 'SELECT * INTO copy_of_disputes FROM disputes'],
    ['a row lock', 'SELECT id FROM disputes WHERE id = $1 FOR UPDATE'],
    ['a row lock', 'SELECT id FROM disputes WHERE id = $1 FOR NO KEY UPDATE NOWAIT'],
    ['a row lock', 'SELECT id FROM disputes WHERE id = $1 FOR SHARE'],
    ['a row lock', 'SELECT id FROM disputes WHERE id = $1 for key share skip locked'],
    ['a notification', 'SELECT pg_notify($1, $2)'],
    ['a LISTEN', 'LISTEN public_read_version'],
    ['an advisory lock', 'SELECT pg_try_advisory_lock($1) AS locked'],
    ['an advisory lock', 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))'],
    ['an advisory unlock', 'SELECT pg_advisory_unlock($1)'],
    ['a sequence', "SELECT nextval('dispute_number_seq')"],
    ['a session setting', "SELECT set_config('statement_timeout', '1s', false)"],
    ['the primary’s own state', 'SELECT pg_current_wal_insert_lsn()::text AS lsn'],
    ['the primary’s own state', 'SELECT txid_current()'],
    ['the primary’s own state', 'SELECT state, count(*) FROM pg_stat_activity GROUP BY state'],
    ['the version of the public data', 'SELECT version FROM public_read_version WHERE id = 1'],
    ['the rate limits', 'SELECT hits FROM rate_limits WHERE key = $1 AND window_start > $2'],
    ['two statements', 'SELECT 1; DELETE FROM disputes'],
    ['two statements', 'SELECT 1; SELECT 2'],
    ['not a SELECT', 'VACUUM disputes'],
    ['not a SELECT', 'EXPLAIN ANALYZE SELECT 1'],
    ['not a SELECT', 'LOCK TABLE closed_days IN SHARE MODE'],
    ['not a SELECT', ''],
    ['a write behind a comment', '/* SELECT */ UPDATE disputes SET urgent = true'],
    ['a write behind a comment', '-- SELECT\nUPDATE disputes SET urgent = true'],
    ['a nested comment', '/* /* */ SELECT */ VACUUM disputes'],
    ['an unclosed comment', '/* SELECT 1'],
  ])('%s stays on the primary: %s', (_why, sql) => {
    expect(replicaMayAnswer(sql)).toBe(false);
  });
});
