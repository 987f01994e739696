import type { LocalizedText } from '../../server/domain/text.ts'
import { wholeScopeInSentence } from '../../server/domain/whole-scope.ts'

/** Staff roles as staff call them; the role codes are for the API and the command line. */
const roles: Record<string, (whole: LocalizedText) => LocalizedText> = {
  // An admin reaches the whole deployment, named as the server names it: the province, or the nation.
  admin: (whole) => {
    const w = wholeScopeInSentence(whole)
    return { vi: `Quản trị (${w.vi})`, en: `Administrator (${w.en})` }
  },
  manager: () => ({ vi: 'Quản lý cơ quan', en: 'Agency manager' }),
  viewer: () => ({ vi: 'Chỉ xem', en: 'Viewer (read-only)' }),
}

/** `whole`: what the deployment covers, `strings.wholeScope(meta)`. */
export function roleName(role: string, lang: 'vi' | 'en', whole: LocalizedText): string {
  return roles[role]?.(whole)[lang] ?? role
}
