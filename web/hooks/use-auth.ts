import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { LocalizedText } from '../../server/domain/text.ts'
import type { Role } from '../../server/domain/vocabulary.ts'
import type { Lang } from '../lib/i18n.ts'

export interface SignedIn {
  user: { username: string; displayName: string; role: Role; agency: { code: string; name: string } | null }
  csrfToken: string
  /** The zone that decides quarters (HAILONG_TZ): every time on the staff pages is shown in it. */
  timeZone: string
}

export interface AppState {
  auth: SignedIn | null
  setAuth(a: SignedIn | null): void
  lang: Lang
  setLang(l: Lang): void
  /** Picks the current language's text. */
  tr(text: LocalizedText | undefined): string
}

export const AppContext = createContext<AppState>(null as unknown as AppState)

export function useApp(): AppState {
  return useContext(AppContext)
}
