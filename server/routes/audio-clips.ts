import fs from 'node:fs'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { findClipBody, listClips, removeClip, saveClip } from '../audio-clips/service.ts'
import { SPOKEN_PROMPTS } from '../domain/vocabulary.ts'
import { limitBody } from '../middleware/body-limit/index.ts'
import { csrf } from '../middleware/csrf/index.ts'
import { requireStaff } from '../middleware/session/index.ts'
import { receiveFile } from '../middleware/upload/index.ts'
import { validate } from '../middleware/validate/index.ts'
import { BODY_LIMITS } from '../lib/limits.ts'
import { staffActor } from '../auth/scope.ts'

const Clip = z.object({ language: z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/), prompt: z.enum(SPOKEN_PROMPTS) }).strict()

/** Spoken prompts at the kiosk (issue 21): admins upload or record one clip per language and prompt. */
export function adminAudioClipRoutes(deps: AppDeps) {
  const admin = requireStaff(deps.db, deps.clock, ['admin'])
  return new Hono()
    .use(admin)
    .get('/', async (c) => c.json(await listClips(deps.db)))
    .put('/:language/:prompt', csrf(), limitBody(BODY_LIMITS.audioClipUpload), validate('param', Clip), async (c) => {
      const { language, prompt } = c.req.valid('param')
      const file = await receiveFile(c, {
        maxBytes: BODY_LIMITS.audioClip,
        // Any name: the type is read from the content (a recording in the browser has no real name).
        accept: /(?:)/,
        choose: { vi: 'Chọn tệp âm thanh hoặc ghi âm', en: 'Choose an audio file or record one' },
      })
      try {
        const saved = await saveClip(deps.db, { language, prompt, body: await fs.promises.readFile(file.path) }, staffActor(c.var.staff), deps.clock.now())
        return c.json(saved)
      } finally {
        await file.discard()
      }
    })
    .delete('/:language/:prompt', csrf(), validate('param', Clip), async (c) => {
      const { language, prompt } = c.req.valid('param')
      await removeClip(deps.db, language, prompt, staffActor(c.var.staff), deps.clock.now())
      return c.json({ ok: true })
    })
}

/**
 * A clip's sound by its content hash, for the kiosk (an audio element sends no credential) and the admin
 * page. A hash names one content for ever: cached as immutable, and the kiosk's service worker keeps it.
 */
export function audioRoutes(deps: AppDeps) {
  return new Hono().get('/:hash{[0-9a-f]{64}}', async (c) => {
    const etag = `"${c.req.param('hash')}"`
    const headers = { ETag: etag, 'Cache-Control': 'public, max-age=31536000, immutable' }
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304, headers)
    const clip = await findClipBody(deps.db, c.req.param('hash'))
    return c.body(new Uint8Array(clip.body), 200, { ...headers, 'Content-Type': clip.type, 'Content-Length': String(clip.body.length) })
  })
}
