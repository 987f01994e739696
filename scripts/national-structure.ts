import type { AgencyKind } from '../server/db/schema.ts'

/** The 34 provinces and cities in place since 1 July 2025 (code, name), as data for the national bench. */
export const PROVINCES: Array<[string, string]> = [
  ['HN', 'Thành phố Hà Nội'],
  ['HUE', 'Thành phố Huế'],
  ['LCU', 'Tỉnh Lai Châu'],
  ['DBN', 'Tỉnh Điện Biên'],
  ['SLA', 'Tỉnh Sơn La'],
  ['LSN', 'Tỉnh Lạng Sơn'],
  ['QNH', 'Tỉnh Quảng Ninh'],
  ['THA', 'Tỉnh Thanh Hóa'],
  ['NAN', 'Tỉnh Nghệ An'],
  ['HTH', 'Tỉnh Hà Tĩnh'],
  ['CBG', 'Tỉnh Cao Bằng'],
  ['TQG', 'Tỉnh Tuyên Quang'],
  ['LCI', 'Tỉnh Lào Cai'],
  ['TNN', 'Tỉnh Thái Nguyên'],
  ['PTO', 'Tỉnh Phú Thọ'],
  ['BNH', 'Tỉnh Bắc Ninh'],
  ['HYN', 'Tỉnh Hưng Yên'],
  ['HPG', 'Thành phố Hải Phòng'],
  ['NBH', 'Tỉnh Ninh Bình'],
  ['QTI', 'Tỉnh Quảng Trị'],
  ['DNG', 'Thành phố Đà Nẵng'],
  ['QNI', 'Tỉnh Quảng Ngãi'],
  ['GLI', 'Tỉnh Gia Lai'],
  ['KHA', 'Tỉnh Khánh Hòa'],
  ['LDG', 'Tỉnh Lâm Đồng'],
  ['DLK', 'Tỉnh Đắk Lắk'],
  ['HCM', 'Thành phố Hồ Chí Minh'],
  ['DNI', 'Tỉnh Đồng Nai'],
  ['TNH', 'Tỉnh Tây Ninh'],
  ['CTO', 'Thành phố Cần Thơ'],
  ['VLG', 'Tỉnh Vĩnh Long'],
  ['DTP', 'Tỉnh Đồng Tháp'],
  ['CMU', 'Tỉnh Cà Mau'],
  ['AGG', 'Tỉnh An Giang'],
]

const DEPARTMENTS: Array<[string, string]> = [
  ['SNV', 'Sở Nội vụ'],
  ['STP', 'Sở Tư pháp'],
  ['STC', 'Sở Tài chính'],
  ['SXD', 'Sở Xây dựng'],
  ['SCT', 'Sở Công Thương'],
  ['SNNMT', 'Sở Nông nghiệp và Môi trường'],
  ['SGDDT', 'Sở Giáo dục và Đào tạo'],
  ['SYT', 'Sở Y tế'],
  ['SKHCN', 'Sở Khoa học và Công nghệ'],
  ['SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch'],
  ['SDTTG', 'Sở Dân tộc và Tôn giáo'],
  ['BQLKCN', 'Ban Quản lý các khu công nghiệp'],
  ['TTPVHCC', 'Trung tâm Phục vụ hành chính công'],
]

/**
 * A small seeded generator (mulberry32): the same database every run. 32-bit integer arithmetic
 * throughout, since a classic LCG multiplied in doubles loses its low bits and cycles after a few
 * thousand draws.
 */
export function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Commune-level units nationwide after the 2025 reorganisation. */
export const COMMUNES = 3321

export interface NationalAgency {
  code: string
  name: string
  kind: AgencyKind
  parent: string | null
  quality: number
  desks: number
  /** Whether the agency is in the SIPAS sample (the paper survey of every department and one commune in eight). */
  sipas: boolean
}

/**
 * The first `provinces` provinces, each with its departments and its share of the 3,321 communes
 * (97 or 98 each): about 10,000 desks for all 34.
 */
export function nationalAgencies(provinces = PROVINCES.length): NationalAgency[] {
  const rand = mulberry32(11)
  const out: NationalAgency[] = []
  let commune = 0
  for (const [p, [code, name]] of PROVINCES.slice(0, provinces).entries()) {
    out.push({ code: `TINH-${code}`, name, kind: 'province', parent: null, quality: 0, desks: 0, sipas: false })
    for (const [d, dname] of DEPARTMENTS)
      out.push({
        code: `${code}-${d}`,
        name: `${dname} ${name.replace(/^(Tỉnh|Thành phố) /, '')}`,
        kind: 'department',
        parent: `TINH-${code}`,
        quality: 0.72 + rand() * 0.22,
        desks: 3,
        sipas: true,
      })
    const communes = Math.floor(COMMUNES / PROVINCES.length) + (p < COMMUNES % PROVINCES.length ? 1 : 0)
    for (let i = 1; i <= communes; i++, commune++)
      out.push({
        code: `${code}-XA-${String(i).padStart(3, '0')}`,
        name: `UBND ${i % 4 === 0 ? 'phường' : 'xã'} số ${i}, ${name.replace(/^(Tỉnh|Thành phố) /, '')}`,
        kind: 'commune',
        parent: `TINH-${code}`,
        quality: 0.65 + rand() * 0.3,
        desks: commune % 5 < 3 ? 3 : 2,
        sipas: i % 8 === 0,
      })
  }
  return out
}
