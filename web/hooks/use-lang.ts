import { useEffect, useState } from 'preact/hooks'
import type { Lang } from '../lib/i18n.ts'

/** The chosen language, Vietnamese by default, remembered on this device. */
export function useLang(storageKey = 'hailong.lang'): [Lang, (l: Lang) => void] {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem(storageKey) === 'en' ? 'en' : 'vi'))
  useEffect(() => {
    localStorage.setItem(storageKey, lang)
    document.documentElement.lang = lang
  }, [lang])
  return [lang, setLang]
}
