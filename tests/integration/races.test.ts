import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rebuildRollups } from '../../server/rollups/rebuild.ts'
import { SurveyCatalog } from '../../server/surveys/catalog.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { makeSnvDesk, post } from '../helpers/factories.ts'

let t: TestApp
let desk: { id: number; code: string; token: string }
let key: string
beforeEach(async () => {
  t = await createTestApp()
  ;({ desk, key } = await makeSnvDesk(t.db))
})
afterEach(() => t.close())

/** The counters the report reads, as sorted text: only rows that count something. */
async function rollupSnapshot() {
  const rows = await t.db.selectFrom('rollups').selectAll().where('count', '!=', 0).execute()
  return rows.map((r) => JSON.stringify(r)).sort()
}

async function expectRollupsEqualRebuild() {
  const incremental = await rollupSnapshot()
  expect(incremental.length).toBeGreaterThan(0)
  await rebuildRollups(t.db, new SurveyCatalog(t.db), 'Asia/Ho_Chi_Minh')
  expect(await rollupSnapshot()).toEqual(incremental)
}

const answer = (token: string, overall: number) =>
  post(t.app, '/api/v1/responses', { submissionId: randomUUID(), survey: 'mot-cua@1', answers: { overall, ...(overall <= 3 ? { reasons: ['wait'] } : {}) } }, token)

describe('races', () => {
  it('100 concurrent answers with one receipt code: exactly one stored, the rest told it was used; counters equal a rebuild', async () => {
    // A few answers through the desk link first, so the rebuild has more than one bucket to get right.
    for (const overall of [5, 4, 2]) expect((await answer(desk.token, overall)).status).toBe(201)
    const { token } = (await post(t.app, '/api/v1/invitations', { desk: 'MC-01', qr: [] }, key)).body
    // Different content per sender (overall 1..5), as 100 phones would send: only one may win.
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => answer(token, (i % 5) + 1)))
    expect(results.filter((r) => r.status === 201)).toHaveLength(1)
    const losers = results.filter((r) => r.status !== 201)
    expect(losers.map((r) => r.status)).toEqual(Array(99).fill(409))
    for (const r of losers) expect(r.body.error.code).toBe('receipt_used')
    const invitation = await t.db.selectFrom('invitations').select(['id', 'used_at']).executeTakeFirstOrThrow()
    expect(invitation.used_at).not.toBeNull()
    const fromReceipt = await t.db.selectFrom('responses').select('id').where('invitation_id', '=', invitation.id).execute()
    expect(fromReceipt).toHaveLength(1)
    expect(await t.db.selectFrom('responses').select('id').execute()).toHaveLength(4)
    await expectRollupsEqualRebuild()
  })

  it('100 concurrent copies of one submission id and 100 distinct ones at once: counters equal a rebuild', async () => {
    const same = { submissionId: randomUUID(), survey: 'mot-cua@1', answers: { overall: 2, reasons: ['wait', 'complex'], comment: 'Chờ lâu' } }
    const copies = Array.from({ length: 100 }, () => post(t.app, '/api/v1/responses', same, desk.token))
    const distinct = Array.from({ length: 100 }, (_, i) => answer(desk.token, (i % 5) + 1))
    const results = await Promise.all([...copies, ...distinct])
    const copyStatuses = results.slice(0, 100).map((r) => r.status)
    expect(copyStatuses.filter((s) => s === 201)).toHaveLength(1)
    expect(copyStatuses.filter((s) => s === 200)).toHaveLength(99)
    expect(results.slice(100).every((r) => r.status === 201)).toBe(true)
    expect(await t.db.selectFrom('responses').select('id').where('submission_id', '=', same.submissionId).execute()).toHaveLength(1)
    expect(await t.db.selectFrom('responses').select('id').execute()).toHaveLength(101)
    await expectRollupsEqualRebuild()
  })
})
