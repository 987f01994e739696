import { sql, type Kysely } from 'kysely'
import { withId } from '../dialect.ts'

// Frozen: live operations — alert rules, alerts with their follow-up, and the delivery outbox.
export async function up(db: Kysely<any>): Promise<void> {
  // One row overrides the built-in default of one rule kind for the province, an agency or a desk.
  // `scope_key` ('province', 'agency:7', 'desk:12') keeps the pair unique on both databases without
  // relying on how each treats NULLs in a unique index.
  await withId(db, db.schema.createTable('alert_rules'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('unhappy_burst', 'silence', 'index_drop', 'praise_run')`))
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'integer', (c) => c.references('agencies.id'))
    .addColumn('desk_id', 'integer', (c) => c.references('desks.id'))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('alert_rules_scope', ['kind', 'scope_key'])
    .execute()

  // `dedup_key` names the window, silent spell or run an alert is about: the unique index is what makes
  // "one alert per window" hold when two nodes (or two evaluations) see the same burst.
  await withId(db, db.schema.createTable('alerts'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dedup_key', 'text', (c) => c.notNull().unique())
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('desk_id', 'integer', (c) => c.references('desks.id'))
    .addColumn('kiosk_id', 'integer', (c) => c.references('kiosks.id'))
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('new')
        .check(sql`state in ('new', 'acknowledged', 'resolved')`),
    )
    .addColumn('owner_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('response_ids', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('closing_note', 'text')
    .execute()
  await db.schema.createIndex('alerts_state').on('alerts').columns(['state', 'raised_at']).execute()
  await db.schema.createIndex('alerts_agency').on('alerts').columns(['agency_id', 'raised_at']).execute()

  await withId(db, db.schema.createTable('alert_comments'))
    .addColumn('alert_id', 'integer', (c) => c.notNull().references('alerts.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('alert_comments_alert').on('alert_comments').column('alert_id').execute()

  // Written in the alert's own transaction, so a delivery that fails (or a crash before it) never loses
  // the alert: the row stays until it is sent or has used up its attempts.
  await withId(db, db.schema.createTable('alert_outbox'))
    .addColumn('alert_id', 'integer', (c) => c.notNull().references('alerts.id'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'webhook')`))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sent', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute()
  await db.schema.createIndex('alert_outbox_due').on('alert_outbox').columns(['status', 'next_attempt_at']).execute()

  await withId(db, db.schema.createTable('alert_deliveries'))
    .addColumn('outbox_id', 'integer', (c) => c.notNull().references('alert_outbox.id'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute()
  await db.schema.createIndex('alert_deliveries_outbox').on('alert_deliveries').column('outbox_id').execute()

  // Bursts and runs are counted per desk over the last minutes.
  await db.schema.createIndex('responses_desk_submitted').on('responses').columns(['desk_id', 'submitted_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('responses_desk_submitted').execute()
  for (const t of ['alert_deliveries', 'alert_outbox', 'alert_comments', 'alerts', 'alert_rules']) await db.schema.dropTable(t).execute()
}
