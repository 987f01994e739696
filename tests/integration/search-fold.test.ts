import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as searchFold from '../../server/db/migrations/2026-12-01.19_search-fold.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { makeAgency, makeDesk, post, signIn, submission } from '../helpers/factories.ts'

let t: TestApp
let headers: Record<string, string>
beforeEach(async () => {
  t = await createTestApp({ now: '2026-05-10T03:00:00Z' })
  const agency = await makeAgency(t.db, { code: 'SNV', name: 'Sở Nội vụ' })
  const desk = await makeDesk(t.db, agency.id)
  for (const [overall, comment] of [
    [2, 'Đợi lâu quá, ĐÔNG người'],
    [5, 'Cán bộ tận tình'],
    [3, 'đợi hơi lâu'],
  ] as const)
    expect((await post(t.app, '/api/v1/responses', submission({ overall, comment, ...(overall <= 3 ? { reasons: ['wait'] } : {}) }), desk.token)).status).toBe(201)
  headers = (await signIn(t, 'admin')).headers
})
afterEach(() => t.close())

const search = async (q: string) => {
  const res = await t.app.request(`/api/v1/dashboard/comments?q=${encodeURIComponent(q)}`, { headers })
  expect(res.status).toBe(200)
  return ((await res.json()) as { items: Array<{ text: string }> }).items.map((i) => i.text).sort()
}

describe('comment search ignores case for Vietnamese letters, on every database', () => {
  it('finds capital Đ with a small đ, and small with capital, in NFC or NFD', async () => {
    expect(await search('đợi')).toEqual(['Đợi lâu quá, ĐÔNG người', 'đợi hơi lâu'])
    expect(await search('ĐỢI')).toEqual(['Đợi lâu quá, ĐÔNG người', 'đợi hơi lâu'])
    expect(await search('đông')).toEqual(['Đợi lâu quá, ĐÔNG người'])
    expect(await search('Đợi lâu'.normalize('NFD'))).toEqual(['Đợi lâu quá, ĐÔNG người'])
    expect(await search('TẬN TÌNH')).toEqual(['Cán bộ tận tình'])
    // Wildcards typed by staff are text, not patterns.
    expect(await search('%')).toEqual([])
  })

  it('the migration folds the comments stored before it', async () => {
    // Back to the schema before the folded column, then forward again: the stored rows are filled in.
    await searchFold.down(t.db)
    await searchFold.up(t.db)
    const folded = await t.db.selectFrom('answers').select('value_folded').where('question_id', '=', 'comment').orderBy('value_folded').execute()
    expect(folded.map((r) => r.value_folded)).toEqual(['cán bộ tận tình', 'đợi hơi lâu', 'đợi lâu quá, đông người'])
    expect(await search('ĐỢI')).toEqual(['Đợi lâu quá, ĐÔNG người', 'đợi hơi lâu'])
  })
})
