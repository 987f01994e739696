import type { Kysely } from 'kysely'

// Frozen copy of foldForSearch (domain/text.ts) as it was when this ran: migrations never import app code.
const fold = (text: string) => text.normalize('NFC').toLowerCase()

/**
 * A folded copy of each free-text answer (NFC, lower case: `Đợi lâu` → `đợi lâu`), so comment search
 * compares folded text with folded text and behaves the same on SQLite (whose `like` folds only ASCII)
 * and PostgreSQL. Existing rows are filled in here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('answers').addColumn('value_folded', 'text').execute()
  for (;;) {
    // By distinct text, a page at a time: bounded memory on any size, and done rows drop out of the query.
    const page: Array<{ value_text: string }> = await db
      .selectFrom('answers')
      .select('value_text')
      .distinct()
      .where('value_text', 'is not', null)
      .where('value_folded', 'is', null)
      .limit(500)
      .execute()
    if (!page.length) break
    for (const { value_text } of page)
      await db
        .updateTable('answers')
        .set({ value_folded: fold(value_text) })
        .where('value_text', '=', value_text)
        .execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('answers').dropColumn('value_folded').execute()
}
