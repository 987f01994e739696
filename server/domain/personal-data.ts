/**
 * Personal data that citizens type into free text (Luật 91/2025/QH15: phone numbers and ID numbers are
 * personal data): found by shape, then masked before the text reaches a staff screen, an export or a
 * public page. Names cannot be told from ordinary words by shape and are not detected.
 *
 * The shapes are strict on purpose: dates, amounts of money, dossier codes (H34.22-260510-0001) and
 * procedure codes (1.001234) are what comments are full of, and masking them would make comments
 * unreadable for the staff who must act on them.
 */

export type PersonalDataKind = 'phone' | 'id_number' | 'email' | 'passport' | 'bank_account'
export const PERSONAL_DATA_KINDS: readonly PersonalDataKind[] = ['phone', 'id_number', 'email', 'passport', 'bank_account']

export interface PersonalDataMatch {
  kind: PersonalDataKind
  start: number
  end: number
}

/** Not glued to a preceding word, number or code part ("H34.22-0912…" is a code, not a phone). */
const BEFORE = String.raw`(?<![\p{L}\p{N}_@.\-/])`
/** Not followed by more of a word or number, nor by a code part ("…0912-01"). */
const AFTER = String.raw`(?![\p{L}\p{N}_@]|[.\-/]\p{N})`
/** A number followed by a currency or a unit is an amount ("150000000 đồng", "123456789đ"). */
const NOT_AMOUNT = String.raw`(?!\s?(?:₫|%|(?:đ|vnđ|vnd|đồng|dong|k|nghìn|ngàn|triệu|tr|tỷ|ty)(?!\p{L})))`
/** Between digits: at most one space, dot or dash, as people group numbers ("0912 345 678", "0912.345.678"). */
const SEP = '[ .\\-]?'

const patterns: Array<{ kind: PersonalDataKind; re: RegExp }> = [
  { kind: 'email', re: /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu },
  // CCCD: 12 digits, a province code 001–096, then the century-and-sex digit 0–3; written plain or in groups.
  { kind: 'id_number', re: new RegExp(`${BEFORE}0\\d${SEP}\\d${SEP}[0-3](?:${SEP}\\d){8}${AFTER}${NOT_AMOUNT}`, 'giu') },
  // Mobile: 0, 84 or +84, then 3/5/7/8/9 and eight digits; "(+84)" and "+84 (0)" written around the prefix too.
  { kind: 'phone', re: new RegExp(`${BEFORE}(?:\\(?\\+84\\)?|84|\\(?\\+?84\\)?\\s?\\(0\\)|0)${SEP}[35789](?:${SEP}\\d){8}${AFTER}`, 'giu') },
  // Landline: 0 (or 84) then the area code starting with 2 (024, 0212 …) and the subscriber: 11 digits with the 0.
  { kind: 'phone', re: new RegExp(`${BEFORE}(?:\\(?\\+84\\)?|84|\\(?0)${SEP}2\\d(?:${SEP}\\d){8}${AFTER}`, 'giu') },
  { kind: 'phone', re: new RegExp(`${BEFORE}\\((?:\\+?84\\s?|0)2\\d{1,2}\\)\\s?\\d(?:${SEP}\\d){5,6}${AFTER}`, 'giu') },
  // CMND: 9 digits, written plain or 3-3-3; a bare 9-digit number that is money carries its unit.
  { kind: 'id_number', re: new RegExp(`${BEFORE}\\d{3}([ .]?)\\d{3}\\1\\d{3}${AFTER}${NOT_AMOUNT}`, 'giu') },
  // Passport: one capital letter and seven digits (B1234567, C7654321).
  { kind: 'passport', re: new RegExp(`${BEFORE}[A-Z]\\d{7}${AFTER}`, 'gu') },
  // A bank account is only a number after the words that name it (the digits alone could be anything).
  { kind: 'bank_account', re: /(?<=(?:\bstk|số tài khoản|so tai khoan|tài khoản|tai khoan|\baccount)\s*(?:số|so|no\.?)?\s*[:.]?\s*)\d(?:[ .-]?\d){5,18}(?![\p{L}\p{N}])/giu },
]

/** A dotted group of thousands ("150.000.000", "1.500.000") is money, never a CMND or a phone. */
const THOUSANDS = /^\d{1,3}(?:\.\d{3})+$/

/** Every personal-data span in the text, in order, without overlaps (the first and longest wins). */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = []
  for (const { kind, re } of patterns) {
    re.lastIndex = 0
    for (const m of text.matchAll(re)) {
      if (kind !== 'email' && THOUSANDS.test(m[0])) continue
      found.push({ kind, start: m.index!, end: m.index! + m[0].length })
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end)
  const kept: PersonalDataMatch[] = []
  for (const m of found) if (!kept.length || m.start >= kept.at(-1)!.end) kept.push(m)
  return kept
}

/**
 * The text with every letter and digit of personal data replaced by "•", separators kept, so staff still
 * see that a phone number or an e-mail was there ("•••• ••• •••", "••••••@•••••.•••") and nothing of it.
 */
export function maskPersonalData(text: string): { text: string; kinds: PersonalDataKind[] } {
  const matches = findPersonalData(text)
  if (!matches.length) return { text, kinds: [] }
  let out = ''
  let at = 0
  for (const m of matches) {
    out += text.slice(at, m.start) + text.slice(m.start, m.end).replace(/[\p{L}\p{N}]/gu, '•')
    at = m.end
  }
  return { text: out + text.slice(at), kinds: [...new Set(matches.map((m) => m.kind))] }
}
