/** Every message and label the platform shows comes in Vietnamese first, English second. */
export interface LocalizedText {
  vi: string
  en: string
}

/** Text is stored in Unicode NFC so that search and equality work whatever the keyboard produced. */
export function nfc(value: string): string {
  return value.normalize('NFC')
}

/**
 * Characters no one types into a form: C0 controls other than tab, line feed and carriage return, DEL,
 * the bidirectional overrides that make text display other than it is stored ("Trojan Source"), the
 * noncharacters U+FFFE/U+FFFF, and lone UTF-16 surrogates (not encodable; PostgreSQL refuses them, and NUL).
 */
export const UNSAFE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
