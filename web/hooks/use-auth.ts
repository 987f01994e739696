import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { LocalizedText } from '../../server/domain/text.ts'
import type { client, Res } from '../lib/client.ts'
import type { Lang } from '../lib/i18n.ts'

/**
 * The session as the server states it (GET /auth/me, POST /auth/login): the user, the CSRF token, and
 * `timeZone`, the zone that decides quarters (HAILONG_TZ) — every time on the staff pages is shown in it.
 */
export type SignedIn = Res<typeof client.api.v1.auth.me.$get>

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
