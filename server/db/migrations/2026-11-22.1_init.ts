import { sql, type Kysely } from 'kysely'
import { withId } from '../dialect.ts'

// Frozen: a migration that has run anywhere is never edited; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('agencies'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('province', 'department', 'commune', 'other')`))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await withId(db, db.schema.createTable('survey_versions'))
    .addColumn('instrument', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'published', 'retired')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addUniqueConstraint('survey_versions_instrument_version', ['instrument', 'version'])
    .execute()

  await withId(db, db.schema.createTable('desks'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('public_token', 'text', (c) => c.notNull().unique())
    .addColumn('survey_version_id', 'integer', (c) => c.references('survey_versions.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('desks_agency_code', ['agency_id', 'code'])
    .execute()

  await withId(db, db.schema.createTable('responses'))
    .addColumn('submission_id', 'text', (c) => c.notNull().unique())
    .addColumn('survey_version_id', 'integer', (c) => c.notNull().references('survey_versions.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('desk_id', 'integer', (c) => c.references('desks.id'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('paper', 'kiosk', 'qr', 'web')`))
    .addColumn('procedure_code', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('quarter', 'text', (c) => c.notNull())
    .addColumn('payload_hash', 'text', (c) => c.notNull())
    .addColumn('is_spam', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_test', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('flag_reason', 'text')
    .addColumn('deleted_at', 'text')
    .execute()
  await db.schema.createIndex('responses_agency_submitted').on('responses').columns(['agency_id', 'submitted_at']).execute()
  await db.schema.createIndex('responses_submitted').on('responses').column('submitted_at').execute()

  await db.schema
    .createTable('answers')
    .addColumn('response_id', 'integer', (c) => c.notNull().references('responses.id'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('value_num', 'integer')
    .addColumn('value_text', 'text')
    .execute()
  await db.schema.createIndex('answers_response').on('answers').column('response_id').execute()

  await db.schema
    .createTable('rollups')
    .addColumn('survey_version_id', 'integer', (c) => c.notNull().references('survey_versions.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('desk_id', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('quarter', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollups_pk', ['quarter', 'survey_version_id', 'agency_id', 'desk_id', 'channel', 'procedure_code', 'question_id', 'value'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['rollups', 'answers', 'responses', 'desks', 'survey_versions', 'agencies']) await db.schema.dropTable(t).execute()
}
