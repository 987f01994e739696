import type { LocalizedText } from '../../server/domain/text.ts'

/** Staff roles as staff call them; the role codes are for the API and the command line. */
export const roles: Record<string, LocalizedText> = {
  admin: { vi: 'Quản trị (toàn tỉnh)', en: 'Administrator (whole province)' },
  manager: { vi: 'Quản lý cơ quan', en: 'Agency manager' },
  viewer: { vi: 'Chỉ xem', en: 'Viewer (read-only)' },
}

export function roleName(role: string, lang: 'vi' | 'en'): string {
  return roles[role]?.[lang] ?? role
}
