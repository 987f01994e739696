import type { Kysely } from 'kysely'
import { isPostgres } from '../dialect.ts'

// Spoken prompts at the kiosk (issue 21): one clip per language and prompt, kept in the database (not on a
// node's disk) so every app node serves it; the content hash names it in URLs, cached as immutable.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audio_clips')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('prompt', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('body', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audio_clips_pk', ['language', 'prompt'])
    .execute()
  await db.schema.createIndex('audio_clips_hash').on('audio_clips').column('hash').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audio_clips').execute()
}
