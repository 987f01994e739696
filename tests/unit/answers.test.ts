import { describe, expect, it } from 'vitest'
import { answersToCells, cellsToAnswers } from '../../server/domain/answer-cells.ts'
import { checkAnswers, isVisible } from '../../server/domain/answers.ts'
import { ANSWERED } from '../../server/domain/indices.ts'
import { rollupCells } from '../../server/domain/rollup-cells.ts'
import { SurveyDefinition } from '../../server/domain/survey-definition.ts'
import { canonicalJson, contentHash } from '../../server/lib/canonical-json.ts'
import { readDefinitionDir } from '../../server/surveys/definition-files.ts'

const motCua = SurveyDefinition.parse(readDefinitionDir().find((d) => d.instrument === 'mot-cua' && d.version === 1))
const codes = (r: ReturnType<typeof checkAnswers>) => (r.ok ? [] : r.issues.map((i) => `${i.field}:${i.code}`))

describe('isVisible: every condition operator', () => {
  const a = { overall: 3, reasons: ['wait', 'attitude'], channel: 'qr' }
  it('no condition: always visible; an unanswered question hides what depends on it', () => {
    expect(isVisible(undefined, {})).toBe(true)
    expect(isVisible({ question: 'missing', op: 'neq', value: 1 }, a)).toBe(false)
  })
  it('lte and gte compare numbers only', () => {
    expect(isVisible({ question: 'overall', op: 'lte', value: 3 }, a)).toBe(true)
    expect(isVisible({ question: 'overall', op: 'lte', value: 2 }, a)).toBe(false)
    expect(isVisible({ question: 'overall', op: 'gte', value: 3 }, a)).toBe(true)
    expect(isVisible({ question: 'overall', op: 'gte', value: 4 }, a)).toBe(false)
    expect(isVisible({ question: 'channel', op: 'lte', value: 3 }, a)).toBe(false)
    expect(isVisible({ question: 'overall', op: 'gte', value: '1' }, a)).toBe(false)
  })
  it('eq and neq compare the value itself', () => {
    expect(isVisible({ question: 'overall', op: 'eq', value: 3 }, a)).toBe(true)
    expect(isVisible({ question: 'overall', op: 'eq', value: '3' }, a)).toBe(false)
    expect(isVisible({ question: 'channel', op: 'neq', value: 'kiosk' }, a)).toBe(true)
    expect(isVisible({ question: 'channel', op: 'neq', value: 'qr' }, a)).toBe(false)
  })
  it('includes looks inside a list of options, or compares a single one', () => {
    expect(isVisible({ question: 'reasons', op: 'includes', value: 'attitude' }, a)).toBe(true)
    expect(isVisible({ question: 'reasons', op: 'includes', value: 'cost' }, a)).toBe(false)
    expect(isVisible({ question: 'channel', op: 'includes', value: 'qr' }, a)).toBe(true)
  })
})

describe('checkAnswers on mot-cua@1', () => {
  it('normalises: NFC text, trimmed, options in definition order, empty answers dropped', () => {
    const r = checkAnswers(motCua, { overall: 2, reasons: ['attitude', 'wait'], comment: '  Đợi lâu '.normalize('NFD'), staff: '' })
    expect(r).toEqual({ ok: true, answers: { overall: 2, reasons: ['wait', 'attitude'], comment: 'Đợi lâu' } })
  })
  it('names every bad field with its reason', () => {
    expect(codes(checkAnswers(motCua, { overall: 7, nope: 1 }))).toEqual(['answers.nope:unknown_question', 'answers.overall:out_of_range'])
    expect(codes(checkAnswers(motCua, { overall: 2.5 }))).toEqual(['answers.overall:invalid_type'])
    expect(codes(checkAnswers(motCua, {}))).toContain('answers.overall:required')
    expect(codes(checkAnswers(motCua, { overall: 5, reasons: ['wait'] }))).toEqual(['answers.reasons:hidden_question'])
    expect(codes(checkAnswers(motCua, { overall: 2, reasons: ['wait', 'wait'] }))).toEqual(['answers.reasons:duplicate_option'])
    expect(codes(checkAnswers(motCua, { overall: 2, reasons: ['other-thing'] }))).toEqual(['answers.reasons:unknown_option'])
    expect(codes(checkAnswers(motCua, { overall: 5, comment: 'x'.repeat(10_001) }))).toEqual(['answers.comment:text_too_long'])
    expect(codes(checkAnswers(motCua, { overall: 5, comment: 'a\u202eb' }))).toEqual(['answers.comment:invalid_text'])
    expect(codes(checkAnswers(motCua, []))).toEqual(['answers:invalid_type'])
  })
})

describe('rollup and answer cells', () => {
  const answers = { overall: 2, reasons: ['wait', 'attitude'], comment: 'Đợi lâu' }
  it('a response adds to itself, to each answered question, and to each value (text only as answered)', () => {
    expect(rollupCells(motCua, answers)).toEqual([
      { question: ANSWERED, value: ANSWERED },
      { question: 'overall', value: ANSWERED },
      { question: 'overall', value: '2' },
      { question: 'reasons', value: ANSWERED },
      { question: 'reasons', value: 'wait' },
      { question: 'reasons', value: 'attitude' },
      { question: 'comment', value: ANSWERED },
    ])
  })
  it('cells for the spreadsheet formats read back to the same checked answers', () => {
    const cells = answersToCells(motCua, answers)
    expect(cells).toMatchObject({ overall: '2', reasons: 'wait|attitude', comment: 'Đợi lâu', staff: '' })
    expect(checkAnswers(motCua, cellsToAnswers(motCua, cells))).toEqual({ ok: true, answers })
  })
})

describe('canonical JSON', () => {
  it('sorts keys at every depth and keeps array order, so equal content hashes equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { y: 1, x: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"x":2,"y":1}]},"b":1}')
    expect(contentHash({ a: 1, b: [1, 2] })).toBe(contentHash({ b: [1, 2], a: 1 }))
    expect(contentHash({ a: [1, 2] })).not.toBe(contentHash({ a: [2, 1] }))
    expect(contentHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/)
  })
})
