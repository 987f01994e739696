import type { LocalizedText } from '../../server/domain/text.ts'
import { EXCLUSION_REASON_TEXT, FLAG_REASON_TEXT } from '../../server/domain/vocabulary.ts'
import { s, t } from './i18n.ts'
import { formatDate } from './format.ts'
import { integrity } from './integrity-strings.ts'
import { roleName } from './roles.ts'
import { strings } from './strings.ts'
import { clipLanguageName, promptNames } from './spoken-prompts.ts'

/** Each audited action in plain words; a new action without a line here falls back to its family's, then to its code. */
export const auditActions: Record<string, LocalizedText> = {
  login: s('Đăng nhập', 'Signed in'),
  'login.failed': s('Đăng nhập không thành công', 'Failed sign-in'),
  logout: s('Đăng xuất', 'Signed out'),
  'password.change': s('Đổi mật khẩu', 'Changed password'),
  'user.create': s('Tạo tài khoản cán bộ', 'Created a staff account'),
  'user.activate': s('Mở lại tài khoản', 'Re-enabled an account'),
  'user.deactivate': s('Khóa tài khoản', 'Disabled an account'),
  'agency.create': s('Thêm cơ quan', 'Added an agency'),
  'agency.update': s('Sửa cơ quan', 'Edited an agency'),
  'agency.activate': s('Kích hoạt lại cơ quan', 'Re-activated an agency'),
  'agency.deactivate': s('Ngừng hoạt động cơ quan', 'Deactivated an agency'),
  'agency.merge': s('Sáp nhập cơ quan', 'Merged an agency'),
  'agencies.import': s('Nhập danh sách cơ quan', 'Imported agencies'),
  'agencies.export': s('Tải danh sách cơ quan', 'Downloaded agencies'),
  'desk.create': s('Thêm quầy', 'Added a desk'),
  'desk.update': s('Sửa quầy', 'Edited a desk'),
  'desk.survey': s('Đổi phiếu khảo sát của quầy', 'Changed a desk’s survey'),
  'desk.language': s('Đổi ngôn ngữ của quầy', 'Changed a desk’s language'),
  'language_pack.create': s('Thêm gói ngôn ngữ', 'Added a language pack'),
  'language_pack.update': s('Thay gói ngôn ngữ', 'Replaced a language pack'),
  'audio_clip.create': s('Thêm lời đọc cho máy tính bảng', 'Added a spoken prompt'),
  'audio_clip.replace': s('Thay lời đọc cho máy tính bảng', 'Replaced a spoken prompt'),
  'audio_clip.delete': s('Xóa lời đọc cho máy tính bảng', 'Deleted a spoken prompt'),
  'kiosk.create': s('Thêm máy tính bảng', 'Added a tablet'),
  'kiosk.pair': s('Ghép nối máy tính bảng', 'Paired a tablet'),
  'kiosk.pairing': s('Tạo mã ghép nối mới', 'New pairing code'),
  'kiosk.rename': s('Đổi tên máy tính bảng', 'Renamed a tablet'),
  'kiosk.move': s('Chuyển máy tính bảng sang quầy khác', 'Moved a tablet to another desk'),
  'kiosk.revoke': s('Thu hồi máy tính bảng', 'Revoked a tablet'),
  'kiosk.settings': s('Đổi thời gian chờ của máy tính bảng', 'Changed the tablets’ delays'),
  'api_key.create': s('Tạo khóa API', 'Created an API key'),
  'api_key.revoke': s('Thu hồi khóa API', 'Revoked an API key'),
  'report.export': s('Tải báo cáo', 'Downloaded a report'),
  'responses.import': s('Nhập phiếu giấy', 'Imported paper responses'),
  'responses.export': s('Xuất phiếu trả lời', 'Exported responses'),
  'comment.hide': s('Ẩn góp ý', 'Hid a comment'),
  'comment.show': s('Hiện lại góp ý', 'Showed a comment again'),
  'comment.reveal': s('Xem góp ý chưa che', 'Viewed a comment unmasked'),
  'comments.export': s('Tải góp ý', 'Downloaded comments'),
  'exclusion.propose': s('Đề nghị loại khỏi chỉ số', 'Proposed an exclusion'),
  'exclusion.approve': s('Duyệt loại trừ', 'Approved an exclusion'),
  'exclusion.reject': s('Từ chối loại trừ', 'Rejected an exclusion'),
  'exclusion.withdraw': s('Rút đề nghị loại trừ', 'Withdrew an exclusion proposal'),
  'flag.count': s('Cho tính phiếu bị giữ lại', 'Counted a held response'),
  'flag.exclude': s('Loại phiếu bị giữ lại', 'Excluded a held response'),
  'period.close': s('Khoá sổ quý', 'Closed a quarter'),
  'period.reopen': s('Mở lại quý đã khoá sổ', 'Reopened a closed quarter'),
  'period.publish': s('Công bố công khai', 'Published a quarter'),
  'officer.rename': s('Đổi tên hiển thị của công chức', 'Renamed an officer'),
  'officers.view': s('Xem kết quả theo công chức', 'Viewed results per officer'),
  'officers.report': s('Xem báo cáo Một cửa', 'Viewed the one-stop report'),
  'officers.report.export': s('Tải báo cáo Một cửa', 'Downloaded the one-stop report'),
  'privacy.settings.set': s('Đổi thiết lập dữ liệu cá nhân', 'Changed the privacy settings'),
  'privacy.retention.run': s('Xoá góp ý quá thời hạn lưu', 'Removed comments past retention'),
  'privacy.dossier.lookup': s('Tra cứu phiếu theo mã hồ sơ', 'Looked up responses by dossier'),
  'privacy.dossier.erase': s('Xoá phiếu theo yêu cầu', 'Erased responses on request'),
  'response.spam': s('Đánh dấu phiếu là rác', 'Marked a response as spam'),
  'response.unspam': s('Bỏ đánh dấu rác', 'Cleared a spam mark'),
  'survey.draft': s('Tạo bản nháp phiếu khảo sát', 'Created a survey draft'),
  'survey.edit': s('Sửa bản nháp phiếu khảo sát', 'Edited a survey draft'),
  'survey.publish': s('Ban hành phiếu khảo sát', 'Published a survey'),
  'survey.retire': s('Ngừng dùng phiếu khảo sát', 'Retired a survey'),
  alert: s('Cảnh báo', 'Alert'),
  'alert.raise': s('Phát sinh cảnh báo', 'Alert raised'),
  'alert.acknowledge': s('Tiếp nhận cảnh báo', 'Acknowledged an alert'),
  'alert.resolve': s('Xử lý xong cảnh báo', 'Resolved an alert'),
  'alert.comment': s('Ghi chú cảnh báo', 'Commented on an alert'),
  'alert.rule.set': s('Đặt quy tắc cảnh báo', 'Set an alert rule'),
  'alert.rule.inherit': s('Dùng quy tắc cảnh báo của cấp trên', 'Inherited an alert rule'),
}

/** The families the action filter groups by (the part before the first dot). */
const auditFamilies: Record<string, LocalizedText> = {
  login: s('Đăng nhập', 'Sign-in'),
  logout: s('Đăng xuất', 'Sign-out'),
  password: s('Mật khẩu', 'Password'),
  user: s('Tài khoản cán bộ', 'Staff accounts'),
  agency: s('Cơ quan', 'Agencies'),
  agencies: s('Danh sách cơ quan', 'Agency list'),
  desk: s('Quầy', 'Desks'),
  language_pack: s('Gói ngôn ngữ', 'Language packs'),
  audio_clip: s('Lời đọc', 'Spoken prompts'),
  kiosk: s('Máy tính bảng', 'Tablets'),
  api_key: s('Khóa API', 'API keys'),
  report: s('Báo cáo', 'Reports'),
  responses: s('Phiếu trả lời', 'Responses'),
  response: s('Phiếu trả lời', 'Responses'),
  survey: s('Phiếu khảo sát', 'Surveys'),
  alert: s('Cảnh báo', 'Alerts'),
  comment: s('Góp ý', 'Comments'),
  comments: s('Góp ý', 'Comments'),
  exclusion: s('Loại trừ', 'Exclusions'),
  flag: s('Phiếu bị giữ lại', 'Held responses'),
  period: s('Khoá sổ và công bố', 'Closing and publishing'),
  officer: s('Công chức', 'Officers'),
  officers: s('Công chức', 'Officers'),
  privacy: s('Dữ liệu cá nhân', 'Personal data'),
}

/** A family of actions in words; its code only for one this table does not know yet. */
export function familyText(family: string, lang: 'vi' | 'en'): string {
  return auditFamilies[family]?.[lang] ?? family
}

export function actionText(action: string, lang: 'vi' | 'en'): string {
  const text = auditActions[action] ?? auditFamilies[action.split('.')[0]!]
  return text ? text[lang] : action
}

const words = {
  tablet: (no: string) => s(`Máy tính bảng số ${no}`, `Tablet no. ${no}`),
  system: s('Hệ thống', 'System'),
  anonymous: s('Người chưa đăng nhập', 'Not signed in'),
  version: s('phiên bản', 'version'),
  yes: s('có', 'yes'),
  no: s('không', 'no'),
  seconds: s('giây', 's'),
}

/** Who did it: a staff account by its name, else the system, a tablet, or a visitor. */
export function actorText(actor: string, lang: 'vi' | 'en'): string {
  const [kind, rest] = actor.includes(':') ? [actor.slice(0, actor.indexOf(':')), actor.slice(actor.indexOf(':') + 1)] : [actor, '']
  if (kind === 'user') return rest
  if (kind === 'kiosk') return t(words.tablet(rest), lang)
  if (kind === 'system' || kind.startsWith('demo')) return t(words.system, lang)
  if (kind === 'anonymous') return t(words.anonymous, lang)
  return actor
}

const targetKinds: Record<string, LocalizedText> = {
  agency: s('Cơ quan', 'Agency'),
  desk: s('Quầy', 'Desk'),
  kiosk: s('Máy tính bảng', 'Tablet'),
  user: s('Tài khoản', 'Account'),
  survey: s('Phiếu khảo sát', 'Survey'),
  report: s('Báo cáo', 'Report'),
  response: s('Phiếu trả lời', 'Response'),
  api_key: s('Khóa API', 'API key'),
  alert: s('Cảnh báo', 'Alert'),
  audio_clip: s('Lời đọc', 'Spoken prompt'),
  period: s('Kỳ', 'Period'),
  officer: s('Công chức', 'Officer'),
  officers: s('Kết quả theo công chức', 'Results per officer'),
  dossier: s('Hồ sơ', 'Dossier'),
  language: s('Gói ngôn ngữ', 'Language pack'),
  'alert-rule': s('Quy tắc cảnh báo', 'Alert rule'),
}

/** Targets that are one thing of their own, without a code after a colon. */
const wholeTargets: Record<string, LocalizedText> = {
  comments: s('Góp ý', 'Comments'),
  'privacy.settings': s('Thiết lập dữ liệu cá nhân', 'Privacy settings'),
}

/** What it was done to: "Cơ quan Sở Tư pháp", "Quầy SNV/MC-01", "Phiếu khảo sát SIPAS, phiên bản 2". */
export function targetText(target: string | null, lang: 'vi' | 'en', names: { agencies: Map<string, string>; surveys: Map<string, string> }): string {
  if (!target) return ''
  const i = target.indexOf(':')
  if (i < 0) return wholeTargets[target]?.[lang] ?? target
  const kind = target.slice(0, i)
  const rest = target.slice(i + 1)
  const label = targetKinds[kind]?.[lang] ?? kind
  if (kind === 'agency') return `${label} ${names.agencies.get(rest) ?? rest}`
  if (kind === 'audio_clip') {
    const [language = '', prompt = ''] = rest.split(':')
    return `${label} “${promptNames[prompt]?.[lang] ?? prompt}”, ${clipLanguageName(language, lang)}`
  }
  // An officer is named by code and name in the entry's details; the row number means nothing to staff.
  if (kind === 'officer') return label
  if (kind === 'officers') {
    const [agency = '*', period = ''] = rest.split('/')
    return `${label}: ${agency === '*' ? t(strings.all, lang) : (names.agencies.get(agency) ?? agency)} — ${period}`
  }
  if (kind === 'report' || kind === 'survey' || kind === 'period') {
    const [instrument, more] = rest.split(/[/@]/)
    const title = names.surveys.get(instrument!) ?? instrument
    return `${label}: ${title}${more ? (kind === 'survey' && rest.includes('@') ? `, ${t(words.version, lang)} ${more}` : ` — ${more}`) : ''}`
  }
  return `${label} ${rest}`
}

const detailLabels: Record<string, LocalizedText> = {
  name: s('tên', 'name'),
  agency: s('cơ quan', 'agency'),
  agencyId: s('cơ quan', 'agency'),
  desk: s('quầy', 'desk'),
  deskId: s('quầy', 'desk'),
  active: s('hoạt động', 'active'),
  role: s('vai trò', 'role'),
  channel: s('kênh', 'channel'),
  survey: s('phiếu', 'survey'),
  format: s('định dạng', 'format'),
  filters: s('bộ lọc', 'filters'),
  into: s('vào', 'into'),
  from: s('từ', 'from'),
  to: s('thành', 'to'),
  reason: s('lý do', 'reason'),
  file: s('tệp', 'file'),
  imported: s('đã nhập', 'imported'),
  duplicates: s('đã có', 'already present'),
  rejected: s('bị từ chối', 'rejected'),
  parent: s('cấp trên', 'parent'),
  kind: s('loại', 'kind'),
  note: s('ghi chú', 'note'),
  resetDelayMs: s('về màn hình đầu sau', 'back to start after'),
  idleTimeoutMs: s('bỏ dở sau', 'abandoned after'),
  repeatIntervalMs: s('chặn chạm lặp trong', 'repeat taps ignored within'),
  language: s('ngôn ngữ', 'language'),
  prompt: s('lời nhắc', 'prompt'),
  type: s('định dạng', 'format'),
  bytes: s('dung lượng (byte)', 'size (bytes)'),
  hash: s('mã nội dung', 'content hash'),
  previous: s('bản trước', 'previous'),
  homeAgencyId: s('cơ quan công tác', 'home agency'),
  clear: s('bản chưa che', 'unmasked'),
  rows: s('số dòng', 'rows'),
  filter: s('bộ lọc', 'filter'),
  q: s('từ khoá', 'search'),
  period: s('kỳ', 'period'),
  status: s('trạng thái', 'status'),
  version: s('phiên bản', 'version'),
  officers: s('số công chức', 'officers'),
  code: s('mã', 'code'),
  displayName: s('tên hiển thị', 'display name'),
  flag: s('dấu hiệu', 'signal'),
  afterClose: s('sau khi khoá sổ', 'after closing'),
  comment: s('ghi chú', 'comment'),
  enabled: s('bật', 'enabled'),
  params: s('tham số', 'parameters'),
  owner: s('người phụ trách', 'owner'),
  before: s('trước', 'before'),
  after: s('sau', 'after'),
  commentYears: s('thời hạn lưu góp ý (năm)', 'comment retention (years)'),
  contact: s('liên hệ', 'contact'),
  cutoff: s('trước thời điểm', 'before'),
  cleared: s('số góp ý đã xoá', 'comments removed'),
  responses: s('số phiếu', 'responses'),
  quarters: s('quý', 'quarters'),
}

/** The comment list's filter values, as its picker names them. */
const commentStatus: Record<string, LocalizedText> = { all: strings.all, counted: strings.counted, spam: integrity.excluded, flagged: strings.flagged }

function valueText(key: string, v: unknown, lang: 'vi' | 'en', whole: LocalizedText): string {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'boolean') return t(v ? words.yes : words.no, lang)
  if (key === 'role' && typeof v === 'string') return roleName(v, lang, whole)
  if (key === 'reason' && typeof v === 'string' && v in EXCLUSION_REASON_TEXT) return EXCLUSION_REASON_TEXT[v as keyof typeof EXCLUSION_REASON_TEXT][lang]
  if (key === 'flag' && typeof v === 'string') return FLAG_REASON_TEXT[v]?.[lang] ?? v
  if (key === 'status' && typeof v === 'string') return commentStatus[v]?.[lang] ?? v
  if (key === 'prompt' && typeof v === 'string') return promptNames[v]?.[lang] ?? v
  if (key === 'language' && typeof v === 'string') return clipLanguageName(v, lang)
  if (key.endsWith('Ms') && typeof v === 'number') return `${v / 1000} ${t(words.seconds, lang)}`
  if (key === 'cutoff' && typeof v === 'string') return formatDate(v, lang, undefined)
  // The responses erased, by row number: how many is what staff can read.
  if (key === 'responses' && Array.isArray(v)) return String(v.length)
  if (Array.isArray(v)) return v.map((x) => valueText('', x, lang, whole)).join(', ')
  if (typeof v === 'object') {
    const parts = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== null && x !== undefined)
    return parts.length ? parts.map(([k, x]) => `${detailLabels[k]?.[lang] ?? k} ${valueText(k, x, lang, whole)}`).join(', ') : '—'
  }
  return String(v)
}

/** The details as "tên: Quầy 2; hoạt động: không" instead of raw JSON; `whole` names what an admin reaches (`strings.wholeScope(meta)`). */
export function detailsText(details: unknown, lang: 'vi' | 'en', whole: LocalizedText): string {
  if (details === null || details === undefined) return ''
  if (typeof details !== 'object' || Array.isArray(details)) return valueText('', details, lang, whole)
  return (
    Object.entries(details as Record<string, unknown>)
      // Internal row numbers mean nothing to staff; the entry's target already names the thing.
      .filter(([k, v]) => !(typeof v === 'number' && (k.endsWith('Id') || ['desk', 'agency', 'comment', 'exclusion', 'snapshot'].includes(k))))
      .map(([k, v]) => `${detailLabels[k]?.[lang] ?? k}: ${valueText(k, v, lang, whole)}`)
      .join('; ')
  )
}
