import type { CitizenLang } from '../lib/i18n.ts'

/** Vietnamese and English, and on a citizen page the desk's own language first, named in itself. */
export function LangSwitch({ lang, onChange, extra }: { lang: CitizenLang; onChange(l: CitizenLang): void; extra?: { code: string; name: string } | null }) {
  return (
    <div class="lang-switch" role="group" aria-label="Ngôn ngữ / Language">
      {extra ? (
        <button type="button" aria-pressed={lang === extra.code} onClick={() => onChange(extra.code)} lang={extra.code}>
          {extra.name}
        </button>
      ) : null}
      <button type="button" aria-pressed={lang === 'vi'} onClick={() => onChange('vi')} lang="vi">
        Tiếng Việt
      </button>
      <button type="button" aria-pressed={lang === 'en'} onClick={() => onChange('en')} lang="en">
        English
      </button>
    </div>
  )
}
