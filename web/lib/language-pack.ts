import type { LocalizedText } from '../../server/domain/text.ts'

/** The desk's language pack as a citizen page receives it (server/language-packs/service.ts citizenLanguage). */
export interface CitizenLanguage {
  code: string
  name: string
  ui: Record<string, string>
}

/**
 * Puts the pack's interface strings under its code beside vi and en, in the catalogs this page renders
 * (`<area>.<key>` in the pack); `t()` then shows them, and Vietnamese wherever the pack has none. Survey texts
 * arrive already in place in the definition.
 */
export function applyPack(language: CitizenLanguage | null | undefined, catalogs: Record<string, Record<string, LocalizedText>>) {
  if (!language) return
  for (const [area, catalog] of Object.entries(catalogs))
    for (const [key, text] of Object.entries(catalog)) {
      const translated = language.ui[`${area}.${key}`]
      if (translated) (text as unknown as Record<string, string>)[language.code] = translated
    }
}
