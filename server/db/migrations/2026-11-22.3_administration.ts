import type { Kysely } from 'kysely'

// Frozen: agency merges (history stays with the merged agency) and per-channel survey assignments.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('agencies')
    .addColumn('merged_into_id', 'integer', (c) => c.references('agencies.id'))
    .execute()
  await db.schema.alterTable('agencies').addColumn('merged_at', 'text').execute()

  // Which survey version a desk uses on one channel (kiosk, desk link, receipt code); none means the
  // desk's own default (desks.survey_version_id) and then the newest published `mot-cua`.
  await db.schema
    .createTable('desk_surveys')
    .addColumn('desk_id', 'integer', (c) => c.notNull().references('desks.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('survey_version_id', 'integer', (c) => c.notNull().references('survey_versions.id'))
    .addPrimaryKeyConstraint('desk_surveys_pk', ['desk_id', 'channel'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('desk_surveys').execute()
  await db.schema.alterTable('agencies').dropColumn('merged_at').execute()
  await db.schema.alterTable('agencies').dropColumn('merged_into_id').execute()
}
