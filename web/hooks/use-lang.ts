import { useEffect, useState } from 'preact/hooks'
import type { CitizenLang, Lang } from '../lib/i18n.ts'

/** The chosen language, Vietnamese by default, remembered on this device. */
export function useLang(storageKey = 'hailong.lang'): [Lang, (l: Lang) => void] {
  const [lang, setLang] = useCitizenLang(storageKey)
  return [lang === 'en' ? 'en' : 'vi', setLang]
}

/** On a citizen page, also the code of the desk's language pack (an unknown code reads as Vietnamese). */
export function useCitizenLang(storageKey: string): [CitizenLang, (l: CitizenLang) => void] {
  const [lang, setLang] = useState<CitizenLang>(() => localStorage.getItem(storageKey) || 'vi')
  useEffect(() => {
    localStorage.setItem(storageKey, lang)
    document.documentElement.lang = lang
  }, [lang])
  return [lang, setLang]
}
