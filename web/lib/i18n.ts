import type { LocalizedText } from '../../server/domain/text.ts'

export type Lang = 'vi' | 'en'

/** On citizen pages: 'vi', 'en', or the code of the desk's language pack (see web/lib/language-pack.ts). */
export type CitizenLang = string

/** One text in both languages, Vietnamese first: every table of words in the web is made of these. */
export const s = (vi: string, en: string): LocalizedText => ({ vi, en })

/** Picks the text for the current language; Vietnamese when a translation is missing. */
export function t(text: LocalizedText | undefined, lang: CitizenLang): string {
  // A pack's text sits under its own code beside vi and en (applyPack); never blank, Vietnamese instead.
  return text ? (text as unknown as Record<string, string | undefined>)[lang]?.trim() || text.vi : ''
}

/** Numbers on screen in Vietnamese format (92,14); machine exports keep plain numbers. */
export function formatNumber(value: number | null | undefined, decimals = 2, lang: Lang = 'vi'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
}
