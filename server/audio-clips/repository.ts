import type { Db } from '../db/types.ts'

const META = ['language', 'prompt', 'hash', 'type', 'bytes', 'updated_at', 'updated_by'] as const

/** Every clip without its body: the admin list and the kiosks' manifest. */
export function listClipRows(db: Db, languages?: string[]) {
  let q = db.selectFrom('audio_clips').select(META)
  if (languages) q = q.where('language', 'in', languages)
  return q.orderBy('language').orderBy('prompt').execute()
}

export function findClipRow(db: Db, language: string, prompt: string) {
  return db.selectFrom('audio_clips').select(META).where('language', '=', language).where('prompt', '=', prompt).executeTakeFirst()
}

/** A body by its hash: the same recording saved for two prompts is one URL. */
export function clipBody(db: Db, hash: string) {
  return db.selectFrom('audio_clips').select(['type', 'body', 'hash']).where('hash', '=', hash).limit(1).executeTakeFirst()
}

export async function upsertClip(
  db: Db,
  clip: { language: string; prompt: string; hash: string; type: string; bytes: number; body: Buffer; updated_at: string; updated_by: string },
) {
  const { hash, type, bytes, body, updated_at, updated_by } = clip
  await db
    .insertInto('audio_clips')
    .values(clip)
    .onConflict((oc) => oc.columns(['language', 'prompt']).doUpdateSet({ hash, type, bytes, body, updated_at, updated_by }))
    .execute()
}

export async function deleteClipRow(db: Db, language: string, prompt: string) {
  await db.deleteFrom('audio_clips').where('language', '=', language).where('prompt', '=', prompt).execute()
}
