import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { makeWav } from '../helpers/audio.ts'
import { makeAgency, makeDesk, makeKiosk, signIn } from '../helpers/factories.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'

let t: TestApp
let admin: Record<string, string>
let actor: string
let deskId: number
const wav = makeWav()

const upload = async (path: string, bytes: Buffer, headers: Record<string, string> = admin, name = 'loi-doc.wav', type = 'audio/wav') => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name)
  const res = await t.app.request(`/api/v1/admin/audio-clips/${path}`, { method: 'PUT', headers, body: form })
  return { status: res.status, body: (await res.json()) as any }
}
const json = async (path: string, init: RequestInit = {}) => {
  const res = await t.app.request(path, init)
  return { status: res.status, body: (await res.json()) as any }
}

beforeAll(async () => {
  t = await createTestApp()
  const signedIn = await signIn(t, 'admin')
  admin = signedIn.headers
  actor = `user:${signedIn.username}`
  const agency = await makeAgency(t.db, { code: 'UBX', name: 'UBND xã Thử' })
  deskId = (await makeDesk(t.db, agency.id, 'MC-01')).id
})
afterAll(() => t.close())

describe('spoken prompts (audio clips)', () => {
  it('stores an uploaded WAV under its content hash and serves it as immutable, audited with who, which prompt and language', async () => {
    const res = await upload('vi/rate', wav)
    expect(res.status).toBe(200)
    const hash = createHash('sha256').update(wav).digest('hex')
    expect(res.body).toMatchObject({ language: 'vi', prompt: 'rate', type: 'audio/wav', bytes: wav.length, url: `/api/v1/audio/${hash}` })

    const sound = await t.app.request(res.body.url)
    expect(sound.status).toBe(200)
    expect(sound.headers.get('Content-Type')).toBe('audio/wav')
    expect(sound.headers.get('Cache-Control')).toContain('immutable')
    expect(sound.headers.get('ETag')).toBe(`"${hash}"`)
    expect(Buffer.from(await sound.arrayBuffer()).equals(wav)).toBe(true)
    expect((await t.app.request(res.body.url, { headers: { 'If-None-Match': `"${hash}"` } })).status).toBe(304)

    const list = await json('/api/v1/admin/audio-clips', { headers: admin })
    expect(list.body.prompts).toEqual(expect.arrayContaining(['idle', 'rate', 'face.1', 'face.5', 'thanks']))
    expect(list.body.clips).toEqual([expect.objectContaining({ language: 'vi', prompt: 'rate', url: res.body.url })])

    // Replaced by another recording: a new hash, the old URL gone.
    const other = makeWav(0.4, 660)
    const replaced = await upload('vi/rate', other)
    expect(replaced.body.url).not.toBe(res.body.url)
    expect((await t.app.request(res.body.url)).status).toBe(404)

    const entries = await t.db.selectFrom('audit_log').select(['actor', 'action', 'target']).where('action', 'like', 'audio_clip.%').orderBy('id').execute()
    expect(entries).toEqual([
      { actor, action: 'audio_clip.create', target: 'audio_clip:vi:rate' },
      { actor, action: 'audio_clip.replace', target: 'audio_clip:vi:rate' },
    ])
  })

  it('refuses a file that is not audio by its content, whatever its name and type say, field by field in Vietnamese and English', async () => {
    const res = await upload('vi/idle', Buffer.from('<html>not a sound at all</html>'), admin, 'gia.wav', 'audio/wav')
    expect(res.status).toBe(400)
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ field: 'file', code: 'not_audio', message: { vi: expect.stringContaining('âm thanh'), en: expect.stringContaining('audio') } }),
    ])
    const none = await t.app.request('/api/v1/admin/audio-clips/vi/idle', { method: 'PUT', headers: { ...admin, 'Content-Type': 'application/json' }, body: '{}' })
    expect(none.status).toBe(400)
    expect(((await none.json()) as any).error.details[0].field).toBe('file')
  })

  it('refuses a clip over 1 MB, an unknown prompt and a language without a pack, storing nothing', async () => {
    const big = Buffer.concat([makeWav(), Buffer.alloc(1024 * 1024)])
    const tooBig = await upload('vi/idle', big)
    expect(tooBig.status).toBe(413)
    expect(tooBig.body.error.message.vi).toContain('1 MB')
    const prompt = await upload('vi/hello', wav)
    expect(prompt.status).toBe(400)
    expect(prompt.body.error.details[0].field).toBe('param.prompt')
    const language = await upload('km/idle', wav)
    expect(language.status).toBe(400)
    expect(language.body.error.details[0]).toMatchObject({ field: 'language', message: { vi: expect.any(String), en: expect.any(String) } })
    const list = await json('/api/v1/admin/audio-clips', { headers: admin })
    expect(list.body.clips.map((c: any) => `${c.language}:${c.prompt}`)).toEqual(['vi:rate'])
  })

  it('is for admins only', async () => {
    const viewer = (await signIn(t, 'viewer')).headers
    expect((await upload('vi/idle', wav, viewer)).status).toBe(403)
    expect((await json('/api/v1/admin/audio-clips', { headers: viewer })).status).toBe(403)
    expect((await json('/api/v1/admin/audio-clips/vi/rate', { method: 'DELETE', headers: viewer })).status).toBe(403)
    expect((await upload('vi/idle', wav, {})).status).toBe(401)
  })

  it("gives a kiosk the clips of its desk's languages, and a deleted clip leaves it", async () => {
    expect((await upload('en/thanks', wav)).status).toBe(200)
    const kiosk = await makeKiosk(t.db, deskId, t.clock.now())
    const paired = await json('/api/v1/kiosk/pair', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: kiosk.code }) })
    const device = { Authorization: `Bearer ${paired.body.secret}` }
    const manifest = await json('/api/v1/kiosk/clips', { headers: device })
    expect(manifest.status).toBe(200)
    expect(manifest.body.clips.map((c: any) => `${c.language}:${c.prompt}`).sort()).toEqual(['en:thanks', 'vi:rate'])
    expect(manifest.body.clips[0].url).toMatch(/^\/api\/v1\/audio\/[0-9a-f]{64}$/)
    expect((await json('/api/v1/kiosk/clips')).status).toBe(401)

    expect((await json('/api/v1/admin/audio-clips/en/thanks', { method: 'DELETE', headers: admin })).status).toBe(200)
    expect((await json('/api/v1/admin/audio-clips/en/thanks', { method: 'DELETE', headers: admin })).status).toBe(404)
    const after = await json('/api/v1/kiosk/clips', { headers: device })
    expect(after.body.clips.map((c: any) => `${c.language}:${c.prompt}`)).toEqual(['vi:rate'])
    const deleted = await t.db.selectFrom('audit_log').select(['actor', 'target']).where('action', '=', 'audio_clip.delete').execute()
    expect(deleted).toEqual([{ actor, target: 'audio_clip:en:thanks' }])
  })

  it("takes clips for a language pack's code once the pack exists, and gives them to the kiosks of that pack's desks", async () => {
    const pack = JSON.parse(fs.readFileSync(new URL('../fixtures/language-packs/xx.json', import.meta.url), 'utf8'))
    expect((await upload('xx/idle', wav)).status).toBe(400)
    const put = (path: string, body: unknown) => json(path, { method: 'PUT', headers: { ...admin, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    expect((await put('/api/v1/admin/languages', pack)).status).toBe(200)
    expect((await upload('xx/idle', wav)).status).toBe(200)
    const kiosk = await makeKiosk(t.db, deskId, t.clock.now())
    const paired = await json('/api/v1/kiosk/pair', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: kiosk.code }) })
    const manifest = async () =>
      (await json('/api/v1/kiosk/clips', { headers: { Authorization: `Bearer ${paired.body.secret}` } })).body.clips.map((c: any) => `${c.language}:${c.prompt}`).sort()
    expect(await manifest()).toEqual(['vi:rate'])
    expect((await put(`/api/v1/admin/languages/desks/${deskId}`, { language: 'xx' })).status).toBe(200)
    expect(await manifest()).toEqual(['vi:rate', 'xx:idle'])
  })
})
