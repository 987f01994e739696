import { z } from 'zod'

/** Every message and label the platform shows comes in Vietnamese first, English second. */
export const LocalizedText = z.object({
  vi: z.string().trim().min(1),
  en: z.string().trim().min(1),
})
export type LocalizedText = z.infer<typeof LocalizedText>

/** Text is stored in Unicode NFC so that search and equality work whatever the keyboard produced. */
export function nfc(value: string): string {
  return value.normalize('NFC')
}
