import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { publishDefinitions } from '../../server/surveys/catalog.ts'
import { readDefinitionDir } from '../../server/surveys/definition-files.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'

let t: TestApp
beforeEach(async () => {
  t = await createTestApp()
})
afterEach(() => t.close())

describe('published survey versions', () => {
  it('stores each version with its content hash, once', async () => {
    expect(await publishDefinitions(t.db, readDefinitionDir(), t.clock)).toEqual([])
    const rows = await t.db.selectFrom('survey_versions').select(['instrument', 'version', 'status', 'hash']).orderBy('instrument').execute()
    expect(rows.map((r) => `${r.instrument}@${r.version}:${r.status}`)).toEqual(['mot-cua@1:published', 'sipas-2017@1:published', 'tt01-2018@1:published'])
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true)
  })

  it('refuses a changed definition under an already published id and version, changing nothing', async () => {
    const defs = readDefinitionDir()
    const before = await t.db.selectFrom('survey_versions').selectAll().execute()
    const edited = structuredClone(defs[0]!)
    edited.pages[0]!.questions[0]!.text.vi = 'Câu hỏi đã bị sửa'
    await expect(publishDefinitions(t.db, [edited], t.clock)).rejects.toMatchObject({
      code: 'published_version_changed',
      text: { en: expect.stringMatching(/mot-cua@1 is already published.*version 2/) },
    })
    expect(await t.db.selectFrom('survey_versions').selectAll().execute()).toEqual(before)
  })

  it('publishes a new version beside the old one, and serves both', async () => {
    const next = structuredClone(readDefinitionDir()[0]!)
    next.version = 2
    next.pages[0]!.questions[0]!.text.vi = 'Ông/Bà đánh giá thế nào về buổi làm việc hôm nay?'
    expect(await publishDefinitions(t.db, [next], t.clock)).toEqual(['mot-cua@2'])
    const res = await t.app.request('/api/v1/surveys/mot-cua@2')
    expect(res.status).toBe(200)
    expect((await res.json()).definition.pages[0].questions[0].text.vi).toMatch(/buổi làm việc/)
    expect((await t.app.request('/api/v1/surveys/mot-cua@1')).status).toBe(200)
    expect((await t.app.request('/api/v1/surveys/mot-cua@3')).status).toBe(404)
  })
})
