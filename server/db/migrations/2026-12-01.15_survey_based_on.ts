import type { Kysely } from 'kysely'

// Frozen: which version a draft was copied from, so publishing can show what changed against it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('survey_versions')
    .addColumn('based_on_id', 'integer', (c) => c.references('survey_versions.id'))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('survey_versions').dropColumn('based_on_id').execute()
}
