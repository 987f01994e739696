import { describe, expect, it } from 'vitest'
import { checkDefinition, problemIssues } from '../../server/domain/definition-problems.ts'
import { readDefinitionDir } from '../../server/surveys/definition-files.ts'

const motCua = (): any => structuredClone(readDefinitionDir().find((d) => d.instrument === 'mot-cua')!)

describe('survey definition problems in staff words', () => {
  it('accepts the shipped definitions', () => {
    for (const def of readDefinitionDir()) expect(checkDefinition(def).ok).toBe(true)
  })

  it('a duplicate id and a condition on a later question are told at their fields, in Vietnamese and English', () => {
    const def = motCua()
    def.pages[1].questions[1].id = 'staff'
    def.pages[1].questions[0].visibleIf = { question: 'comment', op: 'eq', value: 'x' }
    const check = checkDefinition(def)
    if (check.ok) throw new Error('should fail')
    expect(check.problems.map((p) => p.path)).toEqual(['pages.1.questions.0.visibleIf.question', 'pages.1.questions.1.id', 'index.criteria.2'])
    expect(check.problems[0]!.message.vi).toBe('Điều kiện hiển thị phải dựa vào một câu hỏi đứng trước câu này')
    expect(check.problems[0]!.where).toEqual({ vi: 'Trang 2, câu 1, điều kiện hiển thị, câu hỏi điều kiện', en: 'Page 2, question 1, display condition, condition question' })
    expect(check.problems[1]!.message.en).toMatch(/already used by another question/)
    expect(problemIssues(check.problems)[1]).toMatchObject({
      field: 'definition.pages.1.questions.1.id',
      code: 'custom',
      message: { vi: expect.stringMatching(/^Trang 2, câu 2, mã: Mã "staff" đã dùng/) },
    })
  })

  it('missing texts and malformed ids say what to type, not what zod expected', () => {
    const def = motCua()
    def.pages[0].questions[0].text.en = ''
    delete def.pages[1].questions[0].text.vi
    def.pages[1].questions[2].options[0].id = 'Thời gian'
    const check = checkDefinition(def)
    if (check.ok) throw new Error('should fail')
    expect(Object.fromEntries(check.problems.map((p) => [p.path, p.message.vi]))).toEqual({
      'pages.0.questions.0.text.en': 'Chưa nhập nội dung tiếng Anh',
      'pages.1.questions.0.text.vi': 'Chưa nhập nội dung tiếng Việt',
      'pages.1.questions.2.options.0.id': 'Mã chỉ gồm chữ thường không dấu, chữ số, "-" và "_", bắt đầu bằng chữ hoặc số',
    })
  })

  it('a condition on an answer the earlier question no longer has is refused at the condition', () => {
    const def = motCua()
    def.pages[1].questions[3].visibleIf = { question: 'reasons', op: 'includes', value: 'wait' }
    def.pages[1].questions[2].options = def.pages[1].questions[2].options.filter((o: { id: string }) => o.id !== 'wait')
    const check = checkDefinition(def)
    if (check.ok) throw new Error('should fail')
    expect(check.problems).toMatchObject([{ path: 'pages.1.questions.3.visibleIf.value', message: { vi: 'Câu trả lời trong điều kiện không còn là một lựa chọn của câu hỏi đó' } }])
  })
})
