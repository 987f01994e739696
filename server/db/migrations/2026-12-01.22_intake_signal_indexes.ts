import type { Kysely } from 'kysely'

/**
 * The indexes intake's integrity signals read for every group of responses, so that their cost stays
 * flat as a desk's history grows:
 * - the arrival-burst count (a kiosk's responses received in the last minute that claim a tap in the last
 *   hour) reads kiosk, arrival and tap time: with the tap time in the index the count never reads the
 *   table. It replaces the (kiosk_id, received_at) index, which it serves as well, so a write updates no
 *   more indexes for it than before;
 * - the top-run signal's latest ratings of a desk by arrival time: without (desk_id, received_at) that read
 *   went through every response the desk ever had, and sorted them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('responses_kiosk_received_submitted').on('responses').columns(['kiosk_id', 'received_at', 'submitted_at']).execute()
  await db.schema.dropIndex('responses_kiosk_received').execute()
  await db.schema.createIndex('responses_desk_received').on('responses').columns(['desk_id', 'received_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('responses_desk_received').execute()
  await db.schema.createIndex('responses_kiosk_received').on('responses').columns(['kiosk_id', 'received_at']).execute()
  await db.schema.dropIndex('responses_kiosk_received_submitted').execute()
}
