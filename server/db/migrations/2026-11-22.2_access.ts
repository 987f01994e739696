import { sql, type Kysely } from 'kysely'
import { withId } from '../dialect.ts'

// Frozen: staff accounts, devices, receipt codes, API keys, shared rate limits and the audit chain.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('users'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'manager', 'viewer')`))
    .addColumn('agency_id', 'integer', (c) => c.references('agencies.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()

  await withId(db, db.schema.createTable('kiosks'))
    .addColumn('desk_id', 'integer', (c) => c.notNull().references('desks.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.unique())
    .addColumn('pairing_hash', 'text', (c) => c.unique())
    .addColumn('pairing_expires_at', 'text')
    .addColumn('paired_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('last_seen_at', 'text')
    .addColumn('app_version', 'text')
    .addColumn('queue_length', 'integer')
    .addColumn('last_submission_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await withId(db, db.schema.createTable('api_keys'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute()

  await withId(db, db.schema.createTable('invitations'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('desk_id', 'integer', (c) => c.references('desks.id'))
    .addColumn('survey_version_id', 'integer', (c) => c.notNull().references('survey_versions.id'))
    .addColumn('dossier_hash', 'text')
    .addColumn('procedure_code', 'text')
    .addColumn('api_key_id', 'integer', (c) => c.references('api_keys.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()

  await db.schema
    .alterTable('responses')
    .addColumn('kiosk_id', 'integer', (c) => c.references('kiosks.id'))
    .execute()
  await db.schema
    .alterTable('responses')
    .addColumn('invitation_id', 'integer', (c) => c.references('invitations.id'))
    .execute()
  // One response per receipt code, enforced by the database whatever the number of app nodes.
  await db.schema.createIndex('responses_invitation_unique').on('responses').column('invitation_id').unique().execute()
  await db.schema.createIndex('responses_kiosk_submitted').on('responses').columns(['kiosk_id', 'submitted_at']).execute()

  // Fixed-window counters shared by every node: login throttling, desk-link limits, API-key limits.
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['key', 'window_start'])
    .execute()

  // One open-link response per browser per desk per local day.
  await db.schema
    .createTable('link_uses')
    .addColumn('desk_id', 'integer', (c) => c.notNull().references('desks.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('browser_hash', 'text', (c) => c.notNull())
    .addColumn('response_id', 'integer', (c) => c.notNull().references('responses.id'))
    .addPrimaryKeyConstraint('link_uses_pk', ['desk_id', 'day', 'browser_hash'])
    .execute()

  await withId(db, db.schema.createTable('audit_log'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('details', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  // A single row every writer locks, so the chain has one order even with several app nodes.
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  await db
    .insertInto('audit_head')
    .values({ id: 1, hash: '0'.repeat(64) })
    .execute()

  // Server-wide secrets and settings (the salt that makes stored IP hashes unlinkable across days).
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['settings', 'audit_head', 'audit_log', 'link_uses', 'rate_limits']) await db.schema.dropTable(t).execute()
  await db.schema.dropIndex('responses_kiosk_submitted').execute()
  await db.schema.dropIndex('responses_invitation_unique').execute()
  await db.schema.alterTable('responses').dropColumn('invitation_id').execute()
  await db.schema.alterTable('responses').dropColumn('kiosk_id').execute()
  for (const t of ['invitations', 'api_keys', 'kiosks', 'sessions', 'users']) await db.schema.dropTable(t).execute()
}
