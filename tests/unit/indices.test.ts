import { describe, it, expect } from 'vitest'
import fs from 'node:fs'
import fc from 'fast-check'
import { addCounts, classify, computeIndex, emptyCounts, type UnitCounts } from '../../server/domain/indices.ts'
import { SurveyDefinition, type PointsIndex, type ShareIndex } from '../../server/domain/survey-definition.ts'
import { questionsOf } from '../../server/domain/questions.ts'
import type { Answers } from '../../server/domain/answers.ts'

function load(file: string): SurveyDefinition {
  const text = fs.readFileSync(new URL(`../../survey-definitions/${file}`, import.meta.url), 'utf8')
  return SurveyDefinition.parse(JSON.parse(text))
}
const motCua = load('mot-cua.v1.json')
const sipas = load('sipas-2017.v1.json')
const tt01 = load('tt01-2018.v1.json')
const sipasRules = sipas.index as ShareIndex
const tt01Rules = tt01.index as PointsIndex

/** `satisfied` answers of 4 or 5 (split between them) and the rest 3, out of `n`. */
function rated(satisfied: number, n: number): Record<string, number> {
  return { '5': satisfied - Math.floor(satisfied / 2), '4': Math.floor(satisfied / 2), '3': n - satisfied, '*': n }
}

/** Tallies raw responses the way rollups do: value → count, "*" → respondents answering; text is not counted. */
function tally(def: SurveyDefinition, responses: Answers[]): UnitCounts {
  const counts = emptyCounts()
  const types = new Map(questionsOf(def).map((q) => [q.id, q.type]))
  for (const answers of responses) {
    counts.responses++
    for (const [id, value] of Object.entries(answers)) {
      if (types.get(id) === 'text') continue
      const q = (counts.questions[id] ??= {})
      q['*'] = (q['*'] ?? 0) + 1
      for (const v of Array.isArray(value) ? value : [value]) q[String(v)] = (q[String(v)] ?? 0) + 1
    }
  }
  return counts
}

describe('mot-cua: headline share', () => {
  const counts: UnitCounts = {
    responses: 50,
    questions: {
      overall: { '5': 20, '4': 25, '3': 3, '2': 1, '1': 1, '*': 50 },
      staff: { '5': 10, '4': 10, '3': 6, '2': 3, '1': 1, '*': 30 },
      // `time` skipped by everyone ("no opinion")
      reasons: { wait: 3, complex: 2, attitude: 1, '*': 4 },
    },
  }
  const r = computeIndex(motCua.index, counts)

  it('index = share of 4 and 5 on overall, with its Wilson interval', () => {
    expect(r.n).toBe(50)
    expect(r.index).toBe(90) // 100 × (20 + 25) / 50
    expect(r.ci95![0]).toBeCloseTo(78.63951, 4) // wilson(45, 50), see statistics.test.ts
    expect(r.ci95![1]).toBeCloseTo(95.65249, 4)
  })

  it('reports staff and time beside it; unanswered criteria are null', () => {
    expect(r.criteria.overall).toBe(90)
    expect(r.criteria.staff).toBeCloseTo(66.6667, 4) // 100 × (10 + 10) / 30
    expect(r.criteria.time).toBeNull()
    expect(r.criteriaN).toEqual({ overall: 50, staff: 30, time: 0 })
    expect(r.elements).toEqual({})
  })

  it('reason shares are of those who answered reasons and may sum past 100', () => {
    // 100 × 3/4 = 75, 100 × 2/4 = 50, 100 × 1/4 = 25 → 150 in all
    expect(r.reasons).toEqual({ wait: 75, complex: 50, attitude: 25 })
    expect(r.reasonsN).toBe(4)
    expect(r.expectations).toBeUndefined()
  })

  it('no answer to overall → no index and no interval', () => {
    const none = computeIndex(motCua.index, { responses: 3, questions: { staff: rated(2, 3) } })
    expect(none.index).toBeNull()
    expect(none.ci95).toBeNull()
    expect(none.reasons).toEqual({})
  })
})

describe('sipas-2017: elements', () => {
  // 100 answers per answered criterion; tc4 and the whole gop_y element are unanswered.
  const satisfied: Record<string, number> = {
    tc1: 80,
    tc2: 90,
    tc3: 70,
    tt1: 100,
    tt2: 100,
    tt3: 90,
    tt4: 90,
    tt5: 70,
    cc1: 60,
    cc2: 70,
    cc3: 80,
    cc4: 90,
    cc5: 100,
    cc6: 80,
    kq1: 90,
    kq2: 90,
    kq3: 90,
    hl_chung: 70,
  }
  const questions: UnitCounts['questions'] = { mong_doi: { md1: 40, md2: 50, md3: 30, md4: 20, '*': 80 } }
  for (const [id, s] of Object.entries(satisfied)) questions[id] = rated(s, 100)
  const counts: UnitCounts = { responses: 120, questions }

  it('element = mean of its criteria with data; index = mean of elements with data', () => {
    const r = computeIndex(sipas.index, counts)
    expect(r.n).toBe(120)
    expect(r.elements).toEqual({
      tiep_can: 80, // (80 + 90 + 70) / 3, tc4 left out
      thu_tuc: 90, // (100 + 100 + 90 + 90 + 70) / 5
      cong_chuc: 80, // (60 + 70 + 80 + 90 + 100 + 80) / 6
      ket_qua: 90, // (90 + 90 + 90) / 3
      gop_y: null,
    })
    expect(r.index).toBe(85) // (80 + 90 + 80 + 90) / 4, gop_y left out
    expect(r.criteria.tc4).toBeNull()
    expect(r.criteriaN.tc4).toBe(0)
    expect(r.criteriaN.tc1).toBe(100)
    expect(r.criteria.hl_chung).toBe(70) // reported, in no element, so not in the index
  })

  it('composite interval from the criterion counts', () => {
    // criterion SEs sqrt(p(1−p)/100): p .8 → .04, .9 → .03, .7 → .0458258, 1 → 0, .6 → .0489898
    // tiep_can (.04 + .03 + .0458258)/3 = .0386086      thu_tuc (0 + 0 + .03 + .03 + .0458258)/5 = .0211652
    // cong_chuc (.0489898 + .0458258 + .04 + .03 + 0 + .04)/6 = .0341359      ket_qua .03
    // SE = (.0386086 + .0211652 + .0341359 + .03)/4 = .0309774 → 1.96 × 3.09774 = 6.07157
    const [lo, hi] = computeIndex(sipas.index, counts).ci95!
    expect(lo).toBeCloseTo(78.92843, 4) // 85 − 6.07157
    expect(hi).toBeCloseTo(91.07157, 4) // 85 + 6.07157
  })

  it('element weights: weight 2 on thu_tuc', () => {
    const rules: ShareIndex = {
      ...sipasRules,
      elements: sipasRules.elements!.map((e) => (e.id === 'thu_tuc' ? { ...e, weight: 2 } : e)),
    }
    const r = computeIndex(rules, counts)
    expect(r.index).toBeCloseTo(86, 10) // (80 + 2·90 + 80 + 90) / (1 + 2 + 1 + 1) = 430 / 5
    // SE = (.0386086 + 2·.0211652 + .0341359 + .03)/5 = .0290150 → 1.96 × 2.90150 = 5.68693
    expect(r.ci95![0]).toBeCloseTo(80.31307, 4)
    expect(r.ci95![1]).toBeCloseTo(91.68693, 4)
  })

  it('weights renormalise over elements with data: weight 2 on the empty gop_y changes nothing', () => {
    const rules: ShareIndex = {
      ...sipasRules,
      elements: sipasRules.elements!.map((e) => (e.id === 'gop_y' ? { ...e, weight: 2 } : e)),
    }
    expect(computeIndex(rules, counts).index).toBe(85)
  })

  it('expectation shares are of those who answered mong_doi and sum past 100', () => {
    const r = computeIndex(sipas.index, counts)
    // 100 × 40/80 = 50, 50/80 = 62.5, 30/80 = 37.5, 20/80 = 25 → 175 in all
    expect(r.expectations).toEqual({ md1: 50, md2: 62.5, md3: 37.5, md4: 25 })
    expect(r.expectationsN).toBe(80)
  })

  it('only 4 and 5 count as satisfied', () => {
    const r = computeIndex(sipas.index, { responses: 5, questions: { tc1: { '1': 1, '2': 1, '3': 1, '4': 1, '5': 1, '*': 5 } } })
    expect(r.criteria.tc1).toBe(40) // 100 × 2/5
    expect(r.index).toBe(40) // only tiep_can has data, only tc1 in it
  })

  it('nothing answered → nulls everywhere, empty expectations', () => {
    const r = computeIndex(sipas.index, emptyCounts())
    expect(r).toMatchObject({ n: 0, index: null, ci95: null, expectations: {}, expectationsN: 0 })
    expect(Object.values(r.elements).every((v) => v === null)).toBe(true)
    expect(Object.values(r.criteria).every((v) => v === null)).toBe(true)
  })
})

describe('tt01-2018: points', () => {
  it('indicator score = mean points rounded to one decimal; total = sum of the rounded scores', () => {
    const r = computeIndex(tt01.index, {
      responses: 20,
      questions: {
        cs1: { '2': 2, '1': 1, '0': 1, '*': 4 }, // (2·2 + 1)/4 = 1.25 → 1.3
        cs2: { '2': 9, '1': 9, '0': 2, '*': 20 }, // (9·2 + 9)/20 = 27/20 = 1.35 → 1.4
        cs3: { '2': 1, '1': 1, '*': 2 }, // 3/2 = 1.5
        // cs4: not evaluated on any dossier
        cs7: { '2': 5, '*': 5 }, // 2
      },
    })
    expect(r.criteria).toEqual({ cs1: 1.3, cs2: 1.4, cs3: 1.5, cs4: null, cs7: 2 })
    expect(r.criteriaN).toEqual({ cs1: 4, cs2: 20, cs3: 2, cs4: 0, cs7: 5 })
    expect(r.index).toBe(6.2) // 1.3 + 1.4 + 1.5 + 2; the unrounded means would sum to 6.1
    expect(r.ci95).toBeNull()
    expect(r.elements).toEqual({})
    expect(r.n).toBe(20)
  })

  it('rounds down below the half and the total carries no float noise', () => {
    const r = computeIndex(tt01.index, {
      responses: 50,
      questions: {
        cs1: { '1': 1, '0': 9, '*': 10 }, // 1/10 = 0.1
        cs2: { '1': 2, '0': 8, '*': 10 }, // 2/10 = 0.2
        cs3: { '2': 17, '1': 33, '*': 50 }, // (34 + 33)/50 = 1.34 → 1.3
      },
    })
    expect(r.criteria.cs3).toBe(1.3)
    expect(r.index).toBe(1.6) // 0.1 + 0.2 + 1.3 (0.1 + 0.2 alone is 0.30000000000000004 in floating point)
  })

  it('honours `decimals`', () => {
    const rules: PointsIndex = { ...tt01Rules, decimals: 2 }
    const r = computeIndex(rules, { responses: 200, questions: { cs1: { '2': 1, '1': 199, '*': 200 } } })
    expect(r.criteria.cs1).toBe(1.01) // 201/200 = 1.005 → 1.01
    expect(r.index).toBe(1.01)
  })

  it('no dossier evaluated → no total', () => {
    expect(computeIndex(tt01.index, emptyCounts()).index).toBeNull()
  })

  it('classify picks the band with the highest min ≤ total', () => {
    expect(classify(tt01Rules, 6.2)).toBeNull() // the shipped definition has no bands yet
    const label = (vi: string) => ({ vi, en: vi })
    const rules: PointsIndex = {
      ...tt01Rules,
      bands: [
        { min: 8, label: label('Tốt') },
        { min: 0, label: label('Kém') },
        { min: 5, label: label('Trung bình') },
      ],
    }
    expect(classify(rules, 6.2)).toEqual(label('Trung bình'))
    expect(classify(rules, 8)).toEqual(label('Tốt'))
    expect(classify(rules, 0)).toEqual(label('Kém'))
    expect(classify(rules, -1)).toBeNull()
    expect(classify(rules, null)).toBeNull()
  })
})

describe('addCounts', () => {
  it('sums responses and every value count', () => {
    const a: UnitCounts = { responses: 3, questions: { overall: { '5': 2, '3': 1, '*': 3 } } }
    const b: UnitCounts = { responses: 2, questions: { overall: { '5': 1, '1': 1, '*': 2 }, staff: { '4': 1, '*': 1 } } }
    expect(addCounts(a, b)).toEqual({
      responses: 5,
      questions: { overall: { '5': 3, '3': 1, '1': 1, '*': 5 }, staff: { '4': 1, '*': 1 } },
    })
    expect(a.questions.overall).toEqual({ '5': 2, '3': 1, '*': 3 }) // inputs untouched
  })

  it('does not trip over ids that are Object.prototype names', () => {
    const rules: ShareIndex = { method: 'share', satisfiedValues: [4, 5], headline: 'constructor', criteria: ['constructor'] }
    expect(computeIndex(rules, emptyCounts()).index).toBeNull()
    const merged = addCounts(emptyCounts(), { responses: 1, questions: { constructor: { '4': 1, '*': 1 } } })
    expect(computeIndex(rules, merged).index).toBe(100)
  })
})

describe('properties', () => {
  /** Random answer sets for a definition: each question answered or skipped. */
  function responsesFor(def: SurveyDefinition) {
    const arbs = questionsOf(def).map((q) => {
      const skip = fc.constant(undefined)
      switch (q.type) {
        case 'rating':
          return fc.oneof(skip, fc.constantFrom(...def.scales[q.scale]!.map((p) => p.value)))
        case 'points':
          return fc.oneof(skip, fc.constantFrom(...q.options.map((o) => o.value)))
        case 'choice': {
          const ids = q.options.map((o) => o.id)
          return q.multiple ? fc.oneof(skip, fc.subarray(ids, { minLength: 1, maxLength: q.maxChoices ?? ids.length })) : fc.oneof(skip, fc.constantFrom(...ids))
        }
        case 'text':
          return fc.oneof(skip, fc.string({ minLength: 1, maxLength: 5 }))
      }
    })
    const ids = questionsOf(def).map((q) => q.id)
    const one = fc.tuple(...arbs).map((values) => {
      const answers: Answers = {}
      values.forEach((v, i) => v !== undefined && (answers[ids[i]!] = v))
      return answers
    })
    return fc.array(one, { maxLength: 15 })
  }

  for (const def of [motCua, sipas, tt01]) {
    const batch = responsesFor(def)

    it(`${def.instrument}: computeIndex over merged counts equals computing over all the answers`, () => {
      fc.assert(
        fc.property(batch, batch, (a, b) => {
          const merged = addCounts(tally(def, a), tally(def, b))
          expect(merged).toEqual(tally(def, [...a, ...b]))
          expect(computeIndex(def.index, merged)).toEqual(computeIndex(def.index, tally(def, [...a, ...b])))
        }),
        { numRuns: 200 },
      )
    })

    it(`${def.instrument}: addCounts is commutative and associative, emptyCounts its identity`, () => {
      fc.assert(
        fc.property(batch, batch, batch, (a, b, c) => {
          const [x, y, z] = [tally(def, a), tally(def, b), tally(def, c)]
          expect(addCounts(x, y)).toEqual(addCounts(y, x))
          expect(addCounts(addCounts(x, y), z)).toEqual(addCounts(x, addCounts(y, z)))
          expect(addCounts(x, emptyCounts())).toEqual(x)
        }),
        { numRuns: 100 },
      )
    })
  }
})
