import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFINITIONS_DIR, readDefinitionDir, readDefinitionFile } from '../../server/surveys/definition-files.ts'
import { questionsOf } from '../../server/domain/questions.ts'

function writeTemp(name: string, content: unknown) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-def-'))
  const file = path.join(dir, name)
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
  return file
}
const motCua = () => JSON.parse(fs.readFileSync(path.join(DEFINITIONS_DIR, 'mot-cua.v1.json'), 'utf8'))

describe('survey definition files', () => {
  it('every shipped definition validates', () => {
    const defs = readDefinitionDir()
    expect(defs.map((d) => `${d.instrument}@${d.version}`)).toEqual(['mot-cua@1', 'sipas-2017@1', 'tt01-2018@1'])
  })

  it('keeps the contract ids of instruments.md', () => {
    const ids = Object.fromEntries(readDefinitionDir().map((d) => [d.instrument, questionsOf(d).map((q) => q.id)]))
    expect(ids['mot-cua']).toEqual(['overall', 'staff', 'time', 'reasons', 'comment'])
    expect(ids['sipas-2017']).toEqual([
      'tc1',
      'tc2',
      'tc3',
      'tc4',
      'tt1',
      'tt2',
      'tt3',
      'tt4',
      'tt5',
      'cc1',
      'cc2',
      'cc3',
      'cc4',
      'cc5',
      'cc6',
      'kq1',
      'kq2',
      'kq3',
      'gy1',
      'gy2',
      'gy3',
      'gy4',
      'hl_chung',
      'mong_doi',
      'gioi_tinh',
      'nhom_tuoi',
      'nghe_nghiep',
      'comment',
    ])
    expect(ids['tt01-2018']).toEqual(['cs1', 'cs2', 'cs3', 'cs4', 'cs7'])
    const reasons = questionsOf(readDefinitionDir()[0]!).find((q) => q.id === 'reasons')!
    expect(reasons.type === 'choice' && reasons.options.map((o) => o.id)).toEqual(['wait', 'complex', 'attitude', 'guidance', 'repeat', 'facility', 'other'])
    expect(reasons.visibleIf).toEqual({ question: 'overall', op: 'lte', value: 3 })
  })

  it('names the file and the path inside it when a definition is malformed', () => {
    const def = motCua()
    def.pages[1].questions[2].visibleIf.question = 'overal'
    def.pages[0].questions[0].scale = 'hl7'
    const file = writeTemp('mot-cua.v1.json', def)
    expect(() => readDefinitionFile(file)).toThrowError(/mot-cua\.v1\.json: pages\.1\.questions\.2\.visibleIf\.question: unknown or later question "overal"/)
    expect(() => readDefinitionFile(file)).toThrowError(/pages\.0\.questions\.0\.scale: unknown scale "hl7"/)
  })

  it('reports a missing text, bad JSON and a file name that does not match', () => {
    const def = motCua()
    delete def.pages[0].questions[0].text.vi
    expect(() => readDefinitionFile(writeTemp('mot-cua.v1.json', def))).toThrowError(/pages\.0\.questions\.0\.text\.vi/)
    expect(() => readDefinitionFile(writeTemp('mot-cua.v1.json', '{ "instrument": '))).toThrowError(/mot-cua\.v1\.json: not valid JSON/)
    expect(() => readDefinitionFile(writeTemp('mot-cua.v2.json', motCua()))).toThrowError(/file name must be mot-cua\.v1\.json/)
  })

  it('refuses index rules that name unknown or wrong-typed questions', () => {
    const def = motCua()
    def.index.criteria.push('comment')
    expect(() => readDefinitionFile(writeTemp('mot-cua.v1.json', def))).toThrowError(/index\.criteria\.3: question "comment" must be rating/)
  })
})

describe('the minimum a response must contain', () => {
  it('is absent from the published v1 files, so their stored content and hash stay what was published', async () => {
    const { definitionHash } = await import('../../server/surveys/catalog.ts')
    for (const def of readDefinitionDir()) {
      expect(def).not.toHaveProperty('minimum')
      expect(definitionHash(def).content).not.toContain('"minimum"')
    }
  })

  it('defaults to one scored answer, and a version may ask for more', async () => {
    const { checkAnswers } = await import('../../server/domain/answers.ts')
    const { SurveyDefinition } = await import('../../server/domain/survey-definition.ts')
    const sipas = readDefinitionDir().find((d) => d.instrument === 'sipas-2017')!
    const blank = checkAnswers(sipas, { gioi_tinh: 'nu', comment: 'Không có ý kiến' })
    expect(blank.ok).toBe(false)
    expect(!blank.ok && blank.issues.map((i) => [i.field, i.code])).toEqual([['answers.tc1', 'too_few_answers']])
    expect(checkAnswers(sipas, { kq2: 4 }).ok).toBe(true)
    const strict = SurveyDefinition.parse({ ...sipas, version: 2, minimum: { scoredAnswers: 3 } })
    const two = checkAnswers(strict, { tc1: 4, tc2: 5 })
    expect(!two.ok && two.issues[0]!.message.vi).toContain('ít nhất 3 câu hỏi (mới có 2)')
    expect(checkAnswers(strict, { tc1: 4, tc2: 5, kq1: 3 }).ok).toBe(true)
    expect(SurveyDefinition.safeParse({ ...sipas, minimum: { scoredAnswers: 99 } }).success).toBe(false)
  })
})
