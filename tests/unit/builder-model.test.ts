import { describe, expect, it } from 'vitest'
import { readDefinitionDir } from '../../server/surveys/definition-files.ts'
import { fromDefinition, idFromText, renameReferences, toDefinition, uniqueId } from '../../web/builder/model.ts'

const motCua = () => structuredClone(readDefinitionDir().find((d) => d.instrument === 'mot-cua')!)

describe('the builder’s model', () => {
  it('makes ids from Vietnamese text: no diacritics, đ → d, words joined by "-"', () => {
    expect(idFromText('Đất đai, nhà ở')).toBe('dat-dai-nha-o')
    expect(idFromText('Ông/Bà đến làm thủ tục gì?')).toBe('ong-ba-den-lam-thu-tuc-gi')
    expect(idFromText('  Phải chờ   QUÁ lâu!! ')).toBe('phai-cho-qua-lau')
    expect(uniqueId('ho-tich', new Set(['ho-tich', 'ho-tich-2']))).toBe('ho-tich-3')
  })

  it('round-trips a definition unchanged', () => {
    for (const def of readDefinitionDir()) expect(toDefinition(fromDefinition(def))).toEqual(JSON.parse(JSON.stringify(def)))
    // What the builder does not edit is kept as it was.
    const more = { ...motCua(), minimum: { scoredAnswers: 2 }, note: { anything: true } }
    expect(toDefinition(fromDefinition(more))).toEqual(JSON.parse(JSON.stringify(more)))
  })

  it('references follow a renamed question, unless the new or old id is another question’s too', () => {
    const b = fromDefinition(motCua())
    const overall = b.pages[0]!.questions[0]!
    const renamed = renameReferences({ ...b, pages: [{ ...b.pages[0]!, questions: [{ ...overall, id: 'tong-the' }] }, b.pages[1]!] }, 'overall', 'tong-the', overall._k)
    const def = toDefinition(renamed) as ReturnType<typeof motCua>
    expect(def.pages[1]!.questions.find((q) => q.id === 'reasons')!.visibleIf!.question).toBe('tong-the')
    expect(def.index).toMatchObject({ headline: 'tong-the', criteria: ['tong-the', 'staff', 'time'] })
    // Renamed to an id already used: which question the references meant is unknown, so they stay.
    const clash = renameReferences({ ...b, pages: [{ ...b.pages[0]!, questions: [{ ...overall, id: 'staff' }] }, b.pages[1]!] }, 'overall', 'staff', overall._k)
    expect((toDefinition(clash) as ReturnType<typeof motCua>).index).toMatchObject({ headline: 'overall' })
  })
})
