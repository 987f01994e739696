import type { FieldIssue } from './errors.ts'

/**
 * Dossier codes (mã hồ sơ thủ tục hành chính). Since 25/01/2026 Thông tư 04/2025/TT-VPCP fixes one national
 * format, `MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX`:
 * - `MX1X2.Y1Y2Y3.Z1Z2`: the electronic identifier of the receiving unit (a letter and two digits for the
 *   level-1 body, e.g. `H40` for a province, then three digits for level 2 and two for level 3);
 * - `YYMMDD`: the day the dossier was received (two digits each of year, month, day);
 * - `AAXXXX`: the dossier's number among those received that day (two letters or digits, then four digits).
 * Older provincial formats are accepted only when configured (env or the `dossier.formats` setting).
 */
export const NATIONAL_FORMAT = 'MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX'
export const NATIONAL_EXAMPLE = 'H40.175.01-260510-AB0001'
const NATIONAL = /^[A-Z]\d{2}\.\d{3}\.\d{2}-(\d{2})(\d{2})(\d{2})-[A-Z0-9]{2}\d{4}$/

/** Formats a province may still accept by name (codes printed before the national format). */
export const LEGACY_PRESETS: Record<string, { pattern: RegExp; format: string }> = {
  // Thông tư 01/2018/TT-VPCP, điều 19, until 25/01/2026: unit code in the old identifier order.
  'tt01-2018': { pattern: /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$/, format: 'V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX' },
}

export interface DossierFormats {
  /** Accepted besides the national format: preset names or regular expressions (`^…$`). */
  legacy: Array<{ pattern: RegExp; format: string }>
}

/** Reads a configured list (`tt01-2018`, `^H\d{2}\.\d{2}-\d{6}-\d{4}$`): unknown names and bad patterns are errors. */
export function parseLegacyFormats(entries: string[]): DossierFormats {
  const legacy: DossierFormats['legacy'] = []
  for (const raw of entries.map((e) => e.trim()).filter(Boolean)) {
    const preset = Object.hasOwn(LEGACY_PRESETS, raw) ? LEGACY_PRESETS[raw] : undefined
    if (preset) legacy.push(preset)
    else if (raw.startsWith('^') && raw.endsWith('$')) legacy.push({ pattern: new RegExp(raw, 'u'), format: raw })
    else throw new Error(`unknown dossier format "${raw}": use ${Object.keys(LEGACY_PRESETS).join(', ')} or a pattern ^…$`)
  }
  return { legacy }
}

const validDate = (yy: string, mm: string, dd: string) => {
  const d = new Date(Date.UTC(2000 + Number(yy), Number(mm) - 1, Number(dd)))
  return d.getUTCMonth() === Number(mm) - 1 && d.getUTCDate() === Number(dd)
}

/**
 * The canonical form of a dossier code (trimmed, NFC, national codes upper-cased) that is hashed, or the
 * reason it is refused, naming the format so the one-stop software's developers can fix it.
 */
export function checkDossierCode(raw: string, formats: DossierFormats, field: string): { code: string } | { issue: FieldIssue } {
  const text = raw.trim().normalize('NFC')
  const upper = text.toUpperCase()
  const national = NATIONAL.exec(upper)
  if (national) {
    if (validDate(national[1]!, national[2]!, national[3]!)) return { code: upper }
    return {
      issue: {
        field,
        code: 'invalid_dossier_date',
        message: {
          vi: `Ngày tiếp nhận YYMMDD trong mã hồ sơ không có thật (định dạng ${NATIONAL_FORMAT}, ví dụ ${NATIONAL_EXAMPLE})`,
          en: `The receipt date YYMMDD in the dossier code is not a real date (format ${NATIONAL_FORMAT}, e.g. ${NATIONAL_EXAMPLE})`,
        },
      },
    }
  }
  if (formats.legacy.some((f) => f.pattern.test(text))) return { code: text }
  const list = formats.legacy.map((f) => f.format).join(', ')
  return {
    issue: {
      field,
      code: 'invalid_dossier_code',
      message: {
        vi: `Mã hồ sơ phải theo định dạng ${NATIONAL_FORMAT} (Thông tư 04/2025/TT-VPCP), ví dụ ${NATIONAL_EXAMPLE}${list ? `, hoặc ${list}` : ''}`,
        en: `The dossier code must follow the format ${NATIONAL_FORMAT} (Circular 04/2025/TT-VPCP), e.g. ${NATIONAL_EXAMPLE}${list ? `, or ${list}` : ''}`,
      },
    },
  }
}
