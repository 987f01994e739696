import type { Kysely } from 'kysely'

// Frozen: sign-in throttling as a sliding window. One row per account or client address: the attempts
// since the window last lapsed and when the last one was made. Counted before the password is checked,
// with one atomic upsert, so parallel guesses on any number of nodes can never all be verified.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('login_throttle_last_at').on('login_throttle').column('last_at').execute()
  // The periodic sweep deletes expired sessions and old rate-limit windows by time.
  await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute()
  await db.schema.createIndex('rate_limits_window_start').on('rate_limits').column('window_start').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('rate_limits_window_start').execute()
  await db.schema.dropIndex('sessions_expires_at').execute()
  await db.schema.dropTable('login_throttle').execute()
}
