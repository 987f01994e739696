import type { Kysely } from 'kysely'

// Provinces' languages for citizens (issue 21): one row per pack (its validated JSON), and the language a
// desk's kiosks and link show first (null: Vietnamese).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('language_packs')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.alterTable('desks').addColumn('language', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('desks').dropColumn('language').execute()
  await db.schema.dropTable('language_packs').execute()
}
