import type { Kysely } from 'kysely'
import { withId } from '../dialect.ts'

// Frozen: a trustworthy index — two-person exclusions, hidden comment text, closed and published quarters
// with frozen counts, survey assignment history for channel binding, desk opening hours, late arrivals.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('responses')
    .addColumn('text_hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // Stored while its quarter was closed: kept, shown as late, never added to the frozen figures.
  await db.schema
    .alterTable('responses')
    .addColumn('is_late', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // Every rating answered at the top of its scale: the raw material of the "long run of top ratings" signal.
  await db.schema
    .alterTable('responses')
    .addColumn('is_top', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('responses_kiosk_received').on('responses').columns(['kiosk_id', 'received_at']).execute()
  // The desk/time index the top-run signal reads is created by 2026-12-01.17_alerts (responses_desk_submitted).
  await db.schema.createIndex('responses_quarter').on('responses').columns(['quarter', 'agency_id']).execute()

  // The agency a staff member works for (users.agency_id is what they may see; null for province-wide).
  await db.schema
    .alterTable('users')
    .addColumn('home_agency_id', 'integer', (c) => c.references('agencies.id'))
    .execute()
  await db
    .updateTable('users')
    .set((eb) => ({ home_agency_id: eb.ref('agency_id') }))
    .where('agency_id', 'is not', null)
    .execute()

  // JSON {"days":[1..6],"open":"07:00","close":"17:30"}; null: Mon–Sat 07:00–17:30.
  await db.schema.alterTable('desks').addColumn('opening_hours', 'text').execute()

  // A survey version a desk's channel used until `until_at`: a kiosk's queue given before then still counts.
  await db.schema
    .createTable('desk_survey_history')
    .addColumn('desk_id', 'integer', (c) => c.notNull().references('desks.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('survey_version_id', 'integer', (c) => c.notNull().references('survey_versions.id'))
    .addColumn('until_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('desk_survey_history_desk').on('desk_survey_history').columns(['desk_id', 'channel']).execute()

  await withId(db, db.schema.createTable('exclusions'))
    .addColumn('response_id', 'integer', (c) => c.notNull().references('responses.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // null: proposed by an automatic signal (a flagged rating), not by a person.
    .addColumn('proposed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('after_close', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('exclusions_response').on('exclusions').column('response_id').execute()
  await db.schema.createIndex('exclusions_status').on('exclusions').column('status').execute()

  await withId(db, db.schema.createTable('report_snapshots'))
    .addColumn('instrument', 'text', (c) => c.notNull())
    .addColumn('quarter', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('survey_versions', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('reopened_by', 'text')
    .addColumn('reopened_at', 'text')
    .addColumn('reopen_reason', 'text')
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'text')
    .addUniqueConstraint('report_snapshots_version', ['instrument', 'quarter', 'version'])
    .execute()

  // One row per instrument and quarter ever closed; snapshot_id is the frozen version in force, null when reopened.
  await db.schema
    .createTable('period_closures')
    .addColumn('instrument', 'text', (c) => c.notNull())
    .addColumn('quarter', 'text', (c) => c.notNull())
    .addColumn('snapshot_id', 'integer', (c) => c.references('report_snapshots.id'))
    .addColumn('published_snapshot_id', 'integer', (c) => c.references('report_snapshots.id'))
    .addPrimaryKeyConstraint('period_closures_pk', ['instrument', 'quarter'])
    .execute()

  // The rollups of a closed quarter as they were at closing: every view of that quarter reads these.
  await db.schema
    .createTable('frozen_rollups')
    .addColumn('snapshot_id', 'integer', (c) => c.notNull().references('report_snapshots.id'))
    .addColumn('survey_version_id', 'integer', (c) => c.notNull())
    .addColumn('agency_id', 'integer', (c) => c.notNull())
    .addColumn('desk_id', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('quarter', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('frozen_rollups_snapshot').on('frozen_rollups').columns(['snapshot_id', 'agency_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['frozen_rollups', 'period_closures', 'report_snapshots', 'exclusions', 'desk_survey_history']) await db.schema.dropTable(t).execute()
  await db.schema.alterTable('desks').dropColumn('opening_hours').execute()
  await db.schema.alterTable('users').dropColumn('home_agency_id').execute()
  for (const i of ['responses_quarter', 'responses_kiosk_received']) await db.schema.dropIndex(i).execute()
  for (const c of ['is_top', 'is_late', 'text_hidden']) await db.schema.alterTable('responses').dropColumn(c).execute()
}
