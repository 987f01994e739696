import { privacyStrings as text, type PrivacyFacts } from '../../server/domain/citizen-strings/privacy.ts'
import { t, type CitizenLang as Lang } from '../lib/i18n.ts'

export type { PrivacyFacts }

/**
 * The short privacy notice every citizen page carries (Luật 91/2025/QH15): what is collected, why, how long,
 * whom to ask. A native disclosure, so it opens by touch, keyboard and screen reader with no script of its own.
 */
export function PrivacyNotice({ lang, facts, phone }: { lang: Lang; facts?: PrivacyFacts; phone?: boolean }) {
  const years = facts?.commentYears ?? null
  return (
    <details class="privacy-notice">
      <summary>{t(text.title, lang)}</summary>
      <ul>
        <li>{t(text.collected, lang)}</li>
        {phone ? <li>{t(text.phone, lang)}</li> : null}
        <li>{t(text.why, lang)}</li>
        <li>{years === null ? t(text.kept, lang) : t(text.keptYears, lang).replace('{n}', String(years))}</li>
        <li>{t(text.ask, lang).replace('{who}', facts?.contact || t(text.desk, lang))}</li>
        <li>{t(text.law, lang)}</li>
      </ul>
    </details>
  )
}
