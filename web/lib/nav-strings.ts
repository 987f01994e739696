import { s } from './i18n.ts'

/**
 * The words of the header every staff page shows, apart from the rest of the staff table (strings.ts) so
 * the first load carries only these; strings.ts includes them, so pages read them from either.
 */
export const navStrings = {
  appName: s('Chỉ số hài lòng', 'Satisfaction index'),
  mainNav: s('Điều hướng chính', 'Main navigation'),
  signIn: s('Đăng nhập', 'Sign in'),
  signOut: s('Đăng xuất', 'Sign out'),
  dashboard: s('Tổng quan', 'Overview'),
  live: s('Trực tiếp', 'Live'),
  comments: s('Góp ý', 'Comments'),
  account: s('Tài khoản', 'Account'),
  agencies: s('Cơ quan, quầy', 'Agencies, desks'),
  paperEntry: s('Nhập phiếu giấy', 'Paper entry'),
  kiosks: s('Máy tính bảng', 'Tablets'),
  apiKeys: s('Khóa API', 'API keys'),
  users: s('Cán bộ', 'Staff'),
  surveys: s('Phiếu khảo sát', 'Surveys'),
  audit: s('Nhật ký', 'Audit log'),
  privacy: s('Dữ liệu cá nhân', 'Personal data'),
  languages: s('Ngôn ngữ', 'Languages'),
  moderation: s('Duyệt loại trừ', 'Review exclusions'),
}
