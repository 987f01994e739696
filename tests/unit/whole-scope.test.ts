import { describe, expect, it } from 'vitest'
import { issuingProvince, wholeScope } from '../../server/domain/whole-scope.ts'

let id = 0
const agency = (kind: string, parent: number | null = null, active = 1) => ({ id: ++id, name: `${kind} ${id}`, kind, parent_id: parent, active })

describe('what the overall figure is called', () => {
  it('is the province in a provincial deployment, the nation where several provinces are at the top', () => {
    const sonLa = agency('province')
    expect(wholeScope([sonLa, agency('department', sonLa.id)])).toEqual({ vi: 'Toàn tỉnh', en: 'Whole province' })
    const haNoi = agency('province')
    expect(wholeScope([haNoi, sonLa, agency('commune', haNoi.id)])).toEqual({ vi: 'Toàn quốc', en: 'Nationwide' })
    expect(wholeScope([])).toEqual({ vi: 'Toàn tỉnh', en: 'Whole province' })
  })

  it('does not count a province merged away (inactive) nor one below another agency', () => {
    const merged = agency('province', null, 0)
    const current = agency('province')
    expect(wholeScope([merged, current])).toEqual({ vi: 'Toàn tỉnh', en: 'Whole province' })
    expect(wholeScope([current, agency('province', current.id)])).toEqual({ vi: 'Toàn tỉnh', en: 'Whole province' })
  })
})

describe('the province a printed report is issued under', () => {
  it('is the nearest province above the agency, the one province for deployment-wide staff, none for the Ministry', () => {
    const sonLa = agency('province')
    const dept = agency('department', sonLa.id)
    const commune = agency('commune', dept.id)
    expect(issuingProvince([sonLa, dept, commune], commune.id)).toBe(sonLa.name)
    expect(issuingProvince([sonLa, dept, commune], sonLa.id)).toBe(sonLa.name)
    expect(issuingProvince([sonLa, dept, commune], null)).toBe(sonLa.name)
    const haNoi = agency('province')
    expect(issuingProvince([haNoi, sonLa, dept], null)).toBeNull()
    expect(issuingProvince([haNoi, sonLa, dept], dept.id)).toBe(sonLa.name)
    const central = agency('department')
    expect(issuingProvince([haNoi, sonLa, central], central.id)).toBeNull()
  })
})
