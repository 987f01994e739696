import type { Kysely } from 'kysely'
import { withId } from '../dialect.ts'

// Frozen: dossiers reported by the one-stop software (the denominator of the response rate) and the desk
// officers they name by an opaque code, so results can be given per officer (Thông tư 01/2018, điều 15).
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('officers'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    // The one-stop software's own code for the officer: opaque here, a name only if staff enter one.
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('officers_agency_code', ['agency_id', 'code'])
    .execute()

  await withId(db, db.schema.createTable('dossiers'))
    // Salted hash of the dossier code, as on invitations: the same dossier reported twice is one row.
    .addColumn('dossier_hash', 'text', (c) => c.notNull().unique())
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('desk_id', 'integer', (c) => c.references('desks.id'))
    .addColumn('officer_id', 'integer', (c) => c.references('officers.id'))
    .addColumn('procedure_code', 'text')
    .addColumn('received_at', 'text')
    .addColumn('returned_at', 'text')
    // Local quarter of returned_at in HAILONG_TZ: the bucket of the response rate's denominator.
    .addColumn('returned_quarter', 'text')
    .addColumn('api_key_id', 'integer', (c) => c.references('api_keys.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('dossiers_returned').on('dossiers').columns(['returned_quarter', 'agency_id']).execute()

  await db.schema
    .alterTable('invitations')
    .addColumn('officer_id', 'integer', (c) => c.references('officers.id'))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invitations').dropColumn('officer_id').execute()
  await db.schema.dropTable('dossiers').execute()
  await db.schema.dropTable('officers').execute()
}
