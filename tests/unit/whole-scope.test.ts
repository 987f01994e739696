import { describe, expect, it } from 'vitest'
import { strings } from '../../web/lib/strings.ts'

const agency = (code: string, kind: string, parent: string | null = null) => ({ code, name: code, kind, parent })

describe('what the overall figure is called', () => {
  it('is the province in a provincial deployment, the nation where several provinces are at the top', () => {
    expect(strings.wholeScope({ agencies: [agency('TINH-SL', 'province'), agency('SNV', 'department', 'TINH-SL')] as never })).toEqual({ vi: 'Toàn tỉnh', en: 'Whole province' })
    expect(strings.wholeScope({ agencies: [agency('TINH-HN', 'province'), agency('TINH-SL', 'province'), agency('HN-XA-001', 'commune', 'TINH-HN')] as never })).toEqual({
      vi: 'Toàn quốc',
      en: 'Nationwide',
    })
    expect(strings.wholeScope(null)).toEqual({ vi: 'Toàn tỉnh', en: 'Whole province' })
  })
})
