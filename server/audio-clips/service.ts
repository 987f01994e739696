import { createHash } from 'node:crypto'
import { appendAudit } from '../audit/service.ts'
import { inTransaction } from '../db/transaction.ts'
import type { Db } from '../db/types.ts'
import { sniffAudio } from '../domain/audio-clip.ts'
import { DomainError, invalid, issue } from '../domain/errors.ts'
import { SPOKEN_PROMPTS, type SpokenPrompt } from '../domain/vocabulary.ts'
import { deskLanguage, findPackRow } from '../language-packs/repository.ts'
import { clipBody, deleteClipRow, findClipRow, listClipRows, upsertClip } from './repository.ts'

/** Where a clip is fetched: named by its content, so a kiosk may cache it for ever. */
export const clipUrl = (hash: string) => `/api/v1/audio/${hash}`

const BUILT_IN = ['vi', 'en']

const clipNotFound = () => new DomainError('not_found', 'not_found', { vi: 'Chưa có lời đọc này', en: 'No such spoken clip' })

async function checkLanguage(db: Db, language: string) {
  if (BUILT_IN.includes(language) || (await findPackRow(db, language))) return
  throw invalid([issue('language', 'unknown_language', `Chưa có ngôn ngữ ${language}; hãy tải gói ngôn ngữ lên trước`, `No language ${language}; upload its pack first`)])
}

/** Saves (or replaces) the clip of one prompt in one language, its type read from its bytes; audited. */
export async function saveClip(db: Db, input: { language: string; prompt: SpokenPrompt; body: Buffer }, actor: string, now: Date) {
  await checkLanguage(db, input.language)
  const type = sniffAudio(input.body)
  if (!type)
    throw invalid([
      issue(
        'file',
        'not_audio',
        'Tệp không phải âm thanh WebM, Ogg, MP3, WAV hoặc M4A (kiểm tra theo nội dung tệp, không theo tên)',
        'The file is not WebM, Ogg, MP3, WAV or M4A audio (checked from its content, not its name)',
      ),
    ])
  const hash = createHash('sha256').update(input.body).digest('hex')
  const clip = { language: input.language, prompt: input.prompt, hash, type, bytes: input.body.length }
  await inTransaction(db, async (trx) => {
    const before = await findClipRow(trx, input.language, input.prompt)
    await upsertClip(trx, { ...clip, body: input.body, updated_at: now.toISOString(), updated_by: actor })
    await appendAudit(
      trx,
      {
        actor,
        action: before ? 'audio_clip.replace' : 'audio_clip.create',
        target: `audio_clip:${input.language}:${input.prompt}`,
        details: { ...clip, previous: before?.hash ?? null },
      },
      now,
    )
  })
  return { ...clip, url: clipUrl(hash) }
}

export async function removeClip(db: Db, language: string, prompt: SpokenPrompt, actor: string, now: Date) {
  await inTransaction(db, async (trx) => {
    const before = await findClipRow(trx, language, prompt)
    if (!before) throw clipNotFound()
    await deleteClipRow(trx, language, prompt)
    await appendAudit(trx, { actor, action: 'audio_clip.delete', target: `audio_clip:${language}:${prompt}`, details: { language, prompt, hash: before.hash } }, now)
  })
}

/** Every clip (no bodies) and the prompts a clip can be recorded for, for the admin page. */
export async function listClips(db: Db) {
  const rows = await listClipRows(db)
  return {
    prompts: [...SPOKEN_PROMPTS],
    clips: rows.map((r) => ({ language: r.language, prompt: r.prompt, type: r.type, bytes: r.bytes, updatedAt: r.updated_at, url: clipUrl(r.hash) })),
  }
}

/** What a kiosk may say: the clips of Vietnamese, English and its desk's pack, as hash URLs. */
export async function kioskClipManifest(db: Db, deskId: number) {
  const pack = await deskLanguage(db, deskId)
  const rows = await listClipRows(db, pack ? [...BUILT_IN, pack] : BUILT_IN)
  return { clips: rows.map((r) => ({ language: r.language, prompt: r.prompt, url: clipUrl(r.hash) })) }
}

export async function findClipBody(db: Db, hash: string) {
  const row = await clipBody(db, hash)
  if (!row) throw clipNotFound()
  return row
}
