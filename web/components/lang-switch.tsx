import type { Lang } from '../lib/i18n.ts'

export function LangSwitch({ lang, onChange }: { lang: Lang; onChange(l: Lang): void }) {
  return (
    <div class="lang-switch" role="group" aria-label="Ngôn ngữ / Language">
      <button type="button" aria-pressed={lang === 'vi'} onClick={() => onChange('vi')} lang="vi">
        Tiếng Việt
      </button>
      <button type="button" aria-pressed={lang === 'en'} onClick={() => onChange('en')} lang="en">
        English
      </button>
    </div>
  )
}
