/** Every message and label the platform shows comes in Vietnamese first, English second. */
export interface LocalizedText {
  vi: string
  en: string
}

/** Text is stored in Unicode NFC so that search and equality work whatever the keyboard produced. */
export function nfc(value: string): string {
  return value.normalize('NFC')
}
