import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { makeAgency, makeDesk, post, submission } from '../helpers/factories.ts'
import { countResponses } from '../../server/responses/repository.ts'
import { assignSurvey } from '../../server/desks/service.ts'
import { SurveyCatalog } from '../../server/surveys/catalog.ts'

let t: TestApp
let desk: { id: number; token: string }
let agencyId: number
beforeEach(async () => {
  t = await createTestApp()
  agencyId = (await makeAgency(t.db, { code: 'SNV' })).id
  desk = await makeDesk(t.db, agencyId)
})
afterEach(() => t.close())

const rows = () => countResponses(t.db)

describe('POST /api/v1/responses', () => {
  it('stores a new response with the agency and desk of the credential (201)', async () => {
    const body = submission({ overall: 2, reasons: ['wait', 'attitude'], comment: 'Chờ lâu quá' })
    const res = await post(t.app, '/api/v1/responses', body, desk.token)
    expect(res.status).toBe(201)
    expect(res.body.status).toBe('created')
    const stored = await t.db.selectFrom('responses').selectAll().executeTakeFirstOrThrow()
    expect(stored).toMatchObject({ agency_id: agencyId, desk_id: desk.id, channel: 'qr', submission_id: body.submissionId })
    const answers = await t.db.selectFrom('answers').select(['question_id', 'value_num', 'value_text']).orderBy('question_id').orderBy('value_text').execute()
    expect(answers).toEqual([
      { question_id: 'comment', value_num: null, value_text: 'Chờ lâu quá' },
      { question_id: 'overall', value_num: 2, value_text: null },
      { question_id: 'reasons', value_num: null, value_text: 'attitude' },
      { question_id: 'reasons', value_num: null, value_text: 'wait' },
    ])
  })

  it('answers 200 and stores nothing new for the same id and content, 409 for different content', async () => {
    const body = submission({ overall: 5 })
    expect((await post(t.app, '/api/v1/responses', body, desk.token)).status).toBe(201)
    const again = await post(t.app, '/api/v1/responses', body, desk.token)
    expect(again.status).toBe(200)
    expect(again.body.status).toBe('duplicate')
    const changed = await post(t.app, '/api/v1/responses', { ...body, answers: { overall: 4 } }, desk.token)
    expect(changed.status).toBe(409)
    expect(changed.body.error.code).toBe('submission_conflict')
    expect(changed.body.error.message.vi).toMatch(/đã được dùng/)
    expect(await rows()).toBe(1)
  })

  it('refuses a request without a valid credential', async () => {
    expect((await post(t.app, '/api/v1/responses', submission({ overall: 5 }))).status).toBe(401)
    expect((await post(t.app, '/api/v1/responses', submission({ overall: 5 }), 'desk_nonexistenttoken')).status).toBe(401)
    expect(await rows()).toBe(0)
  })

  it('does not let the client choose agency, desk or channel', async () => {
    const res = await post(t.app, '/api/v1/responses', submission({ overall: 5 }, { agency: 'OTHER', channel: 'paper' }), desk.token)
    expect(res.status).toBe(400)
    expect(res.body.error.details.map((d: any) => d.code)).toContain('unrecognized_keys')
    expect(await rows()).toBe(0)
  })

  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ['unknown question', { overall: 5, colour: 'red' }, 'answers.colour', 'unknown_question'],
    ['value out of range', { overall: 6 }, 'answers.overall', 'out_of_range'],
    ['not a number', { overall: 'five' }, 'answers.overall', 'invalid_type'],
    ['unknown option', { overall: 1, reasons: ['bribe'] }, 'answers.reasons', 'unknown_option'],
    ['answer to a hidden question', { overall: 5, reasons: ['wait'] }, 'answers.reasons', 'hidden_question'],
    ['missing required answer', { staff: 4 }, 'answers.overall', 'required'],
    ['text too long', { overall: 4, comment: 'ă'.repeat(1001) }, 'answers.comment', 'text_too_long'],
  ]
  it.each(cases)('refuses %s with a field-level reason in vi and en, writing nothing', async (_name, answers, field, code) => {
    const res = await post(t.app, '/api/v1/responses', submission(answers), desk.token)
    expect(res.status).toBe(400)
    const detail = res.body.error.details.find((d: any) => d.field === field)
    expect(detail?.code).toBe(code)
    expect(detail.message.vi.length).toBeGreaterThan(0)
    expect(detail.message.en.length).toBeGreaterThan(0)
    expect(res.body.error.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(await rows()).toBe(0)
  })

  it('refuses too many choices on sipas-2017 (at most 3 expectations)', async () => {
    const catalog = new SurveyCatalog(t.db)
    await assignSurvey(t.db, catalog, desk.id, 'qr', (await catalog.byKey('sipas-2017@1'))!, 'test', t.clock)
    const res = await post(t.app, '/api/v1/responses', submission({ tc1: 4, mong_doi: ['md1', 'md2', 'md3', 'md4'] }, { survey: 'sipas-2017@1' }), desk.token)
    expect(res.status).toBe(400)
    expect(res.body.error.details[0]).toMatchObject({ field: 'answers.mong_doi', code: 'too_many_choices' })
    expect(await rows()).toBe(0)
  })

  it('refuses a body over 64 KB with 413', async () => {
    const res = await post(t.app, '/api/v1/responses', submission({ overall: 4, comment: 'x'.repeat(70_000) }), desk.token)
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('body_too_large')
    expect(await rows()).toBe(0)
  })

  it('refuses malformed JSON and unknown surveys', async () => {
    expect((await post(t.app, '/api/v1/responses', '{"submissionId":', desk.token)).status).toBe(400)
    const res = await post(t.app, '/api/v1/responses', submission({ overall: 4 }, { survey: 'mot-cua@9' }), desk.token)
    expect(res.status).toBe(400)
    expect(res.body.error.details[0].code).toBe('unknown_survey')
    expect(await rows()).toBe(0)
  })

  it('stores text in Unicode NFC', async () => {
    const nfd = 'Hài lòng'.normalize('NFD')
    await post(t.app, '/api/v1/responses', submission({ overall: 4, comment: nfd }), desk.token)
    const a = await t.db.selectFrom('answers').select('value_text').where('question_id', '=', 'comment').executeTakeFirstOrThrow()
    expect(a.value_text).toBe('Hài lòng'.normalize('NFC'))
    expect(a.value_text).not.toBe(nfd)
  })

  it('stores the submitted instant in UTC and files it in the local (UTC+7) quarter', async () => {
    t.clock.set('2026-03-31T23:30:00.000Z') // 06:30 on 1 April in Hà Nội
    await post(t.app, '/api/v1/responses', submission({ overall: 4 }), desk.token)
    const r = await t.db.selectFrom('responses').select(['submitted_at', 'quarter']).executeTakeFirstOrThrow()
    expect(r.submitted_at).toBe('2026-03-31T23:30:00.000Z')
    expect(r.quarter).toBe('2026-Q2')
  })
})

describe('POST /api/v1/responses/batch', () => {
  it('answers per item: created, duplicate, conflict and invalid, storing only the good ones', async () => {
    const existing = submission({ overall: 5 })
    await post(t.app, '/api/v1/responses', existing, desk.token)
    const fresh = submission({ overall: 3, reasons: ['wait'] })
    const items = [fresh, existing, { ...existing, answers: { overall: 1 } }, submission({ overall: 9 }), { nonsense: true }, fresh]
    const res = await post(t.app, '/api/v1/responses/batch', { items }, desk.token)
    expect(res.status).toBe(200)
    expect(res.body.results.map((r: any) => r.status)).toEqual(['created', 'duplicate', 'conflict', 'invalid', 'invalid', 'duplicate'])
    expect(res.body.results[3].error.details[0]).toMatchObject({ field: 'answers.overall', code: 'out_of_range' })
    expect(res.body).toMatchObject({ created: 1, duplicate: 2, conflict: 1, invalid: 2 })
    expect(await rows()).toBe(2)
  })

  it('refuses more than 500 items', async () => {
    const items = Array.from({ length: 501 }, () => submission({ overall: 5 }))
    const res = await post(t.app, '/api/v1/responses/batch', { items }, desk.token)
    expect(res.status).toBe(400)
    expect(await rows()).toBe(0)
  })
})

describe('POST /api/v1/responses?validateOnly=1', () => {
  it('checks a submission like a real one and stores nothing', async () => {
    const ok = await post(t.app, '/api/v1/responses?validateOnly=1', submission({ overall: 5 }), desk.token)
    expect(ok.status).toBe(200)
    expect(ok.body.status).toBe('valid')
    const bad = await post(t.app, '/api/v1/responses?validateOnly=1', submission({ overall: 9 }), desk.token)
    expect(bad.status).toBe(400)
    expect(await rows()).toBe(0)
  })
})
