/** Every message and label the platform shows comes in Vietnamese first, English second. */
export interface LocalizedText {
  vi: string
  en: string
}

/** A text in both languages, for the tables of fixed strings: `s('Gửi', 'Send')`. */
export const s = (vi: string, en: string): LocalizedText => ({ vi, en })

/** Text is stored in Unicode NFC so that search and equality work whatever the keyboard produced. */
export function nfc(value: string): string {
  return value.normalize('NFC')
}

/**
 * Characters no one types into a form: C0 controls other than tab, line feed and carriage return, DEL,
 * the bidirectional overrides that make text display other than it is stored ("Trojan Source"), the
 * noncharacters U+FFFE/U+FFFF, and lone UTF-16 surrogates (not encodable; PostgreSQL refuses them, and NUL).
 */
export const UNSAFE_TEXT =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * Invisible format characters: zero-width space, joiners and non-joiners, the direction marks LRM/RLM/ALM,
 * word joiner and invisible operators, the byte-order mark, soft hyphen, Mongolian vowel separator. They
 * come with text pasted from Word or a chat app; stored, they would make two equal names or codes differ
 * and hide text from search. They are stripped (not refused), so a citizen is never told about a
 * character they cannot see.
 */
export const INVISIBLE_TEXT = /[\u00AD\u061C\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/g

export function stripInvisible(value: string): string {
  return value.replace(INVISIBLE_TEXT, '')
}

/** The same, in every string of a parsed JSON value (object keys are left: an odd key is refused by its schema). */
export function stripInvisibleDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return stripInvisible(value)
  // Past any allowed depth the body is refused anyway; stop rather than recurse into hostile nesting.
  if (!value || typeof value !== 'object' || depth > 64) return value
  if (Array.isArray(value)) return value.map((v) => stripInvisibleDeep(v, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: stripInvisibleDeep(v, depth + 1), enumerable: true, writable: true, configurable: true })
  return out
}

/**
 * Text as search compares it: NFC, then lower case by Unicode rules (`Đợi LÂU` → `đợi lâu`), the same
 * in JavaScript for both databases, since SQLite's `like` folds only ASCII letters.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFC').toLowerCase()
}
