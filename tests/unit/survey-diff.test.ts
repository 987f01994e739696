import { describe, expect, it } from 'vitest'
import type { SurveyDefinition } from '../../server/domain/survey-definition.ts'
import { comparabilityBreaks, diffDefinitions } from '../../server/domain/survey-diff.ts'
import { readDefinitionDir } from '../../server/surveys/definition-files.ts'

const byKey = (instrument: string) => readDefinitionDir().find((d) => d.instrument === instrument)!
const copy = (instrument: string): SurveyDefinition => ({ ...structuredClone(byKey(instrument)), version: 2 })
const kinds = (a: SurveyDefinition, b: SurveyDefinition) => diffDefinitions(a, b).map((c) => `${c.kind}:${c.subject}:${c.severity}`)

describe('what changed between two versions', () => {
  it('finds nothing between a version and its unchanged copy', () => {
    expect(diffDefinitions(byKey('mot-cua'), copy('mot-cua'))).toEqual([])
    expect(diffDefinitions(byKey('sipas-2017'), copy('sipas-2017'))).toEqual([])
  })

  it('a renamed option keeps its id: a change of wording, with the old and new text', () => {
    const next = copy('mot-cua')
    const reasons = next.pages[1]!.questions.find((q) => q.id === 'reasons')!
    if (reasons.type !== 'choice') throw new Error('reasons is a choice')
    reasons.options[0]!.text.vi = 'Phải chờ quá lâu'
    const changes = diffDefinitions(byKey('mot-cua'), next)
    expect(changes).toHaveLength(1)
    expect(changes[0]).toMatchObject({ kind: 'option_text', subject: 'reasons', severity: 'info' })
    expect(changes[0]!.text.vi).toContain('"Thời gian chờ lâu" → "Phải chờ quá lâu"')
  })

  it('an added question with a condition, and a reorder, are told apart from removals', () => {
    const next = copy('mot-cua')
    const details = next.pages[1]!.questions
    details.splice(0, 2, details[1]!, details[0]!)
    details.push({
      id: 'thu-tuc',
      type: 'choice',
      multiple: false,
      required: false,
      text: { vi: 'Ông/Bà làm thủ tục gì?', en: 'Which procedure?' },
      options: [{ id: 'ho-tich', text: { vi: 'Hộ tịch', en: 'Civil status' } }],
      visibleIf: { question: 'overall', op: 'lte', value: 3 },
    })
    const changes = diffDefinitions(byKey('mot-cua'), next)
    expect(changes.map((c) => `${c.kind}:${c.subject}`)).toEqual(['question_added:thu-tuc', 'question_moved:staff'])
    expect(changes[0]!.text.vi).toContain('hiện khi «Ông/Bà hài lòng thế nào về sự phục vụ hôm nay?» ≤ 3')
    expect(comparabilityBreaks(changes)).toEqual([])
  })

  it('a removed criterion of the index breaks comparability with earlier quarters', () => {
    const next = copy('mot-cua')
    next.pages[1]!.questions = next.pages[1]!.questions.filter((q) => q.id !== 'time')
    if (next.index.method !== 'share') throw new Error('share')
    next.index.criteria = next.index.criteria.filter((id) => id !== 'time')
    const breaks = comparabilityBreaks(diffDefinitions(byKey('mot-cua'), next))
    expect(breaks.map((c) => c.kind)).toEqual(['question_removed', 'criterion_removed'])
    expect(breaks[1]!.text.vi).toMatch(/bỏ tiêu chí «Thời gian chờ và giải quyết hồ sơ» — các quý trước không còn so sánh được/)
  })

  it('satisfied values, weights and a criterion’s scale break it; a reworded criterion only calls for caution', () => {
    const next = copy('sipas-2017')
    const rules = next.index
    if (rules.method !== 'share') throw new Error('share')
    rules.satisfiedValues = [5]
    rules.elements![0]!.weight = 2
    const first = next.pages.flatMap((p) => p.questions).find((q) => q.id === rules.criteria[0])!
    first.text.vi += ' (sửa)'
    const changes = diffDefinitions(byKey('sipas-2017'), next)
    expect(kinds(byKey('sipas-2017'), next)).toEqual([`question_text:${first.id}:caution`, 'index_satisfied:index:breaks', `element_weight:${rules.elements![0]!.id}:breaks`])
    expect(comparabilityBreaks(changes)).toHaveLength(2)
  })

  it('points instruments: a new indicator or a changed points value breaks the total', () => {
    const next = copy('tt01-2018')
    if (next.index.method !== 'points') throw new Error('points')
    const q = next.pages.flatMap((p) => p.questions).find((x) => x.type === 'points')!
    if (q.type !== 'points') throw new Error('points')
    q.options[0]!.value = 9
    const changes = diffDefinitions(byKey('tt01-2018'), next)
    expect(changes.filter((c) => c.subject === q.id).map((c) => `${c.kind}:${c.severity}`)).toEqual(['option_removed:breaks', 'option_added:breaks'])
  })

  it('a new least-a-response rule is a caution: fewer responses may be taken', () => {
    const next = { ...copy('mot-cua'), minimum: { scoredAnswers: 2 } }
    expect(kinds(byKey('mot-cua'), next)).toEqual(['minimum:index:caution'])
  })
})
