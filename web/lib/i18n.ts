import type { LocalizedText } from '../../server/domain/text.ts'

export type Lang = 'vi' | 'en'

/** Picks the text for the current language; Vietnamese when a translation is missing. */
export function t(text: LocalizedText | undefined, lang: Lang): string {
  return text ? text[lang] || text.vi : ''
}

/** Numbers on screen in Vietnamese format (92,14); machine exports keep plain numbers. */
export function formatNumber(value: number | null | undefined, decimals = 2, lang: Lang = 'vi'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
}
