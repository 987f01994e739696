import { s } from './i18n.ts'
import { navStrings } from './nav-strings.ts'
export { EXCLUSION_REASONS, EXCLUSION_REASON_TEXT, FLAG_REASON_TEXT } from '../../server/domain/vocabulary.ts'

/** Words of the trustworthy-index screens (moderation, closing and publishing, credibility), Vietnamese first. */
export const integrity = {
  cancel: s('Huỷ', 'Cancel'),
  reasonLabel: s('Lý do', 'Reason'),
  noteLabel: s('Ghi chú lý do (bắt buộc)', 'Reason in words (required)'),
  hideText: s('Ẩn nội dung', 'Hide text'),
  showText: s('Hiện lại nội dung', 'Show text again'),
  textHidden: s('[Nội dung đã được ẩn]', '[Text hidden]'),
  hideExplain: s(
    'Nội dung góp ý sẽ bị ẩn khỏi màn hình và tệp xuất (ví dụ: lời lẽ xúc phạm, dữ liệu cá nhân). Đánh giá vẫn được tính vào chỉ số. Việc này được ghi vào nhật ký.',
    'The comment text will be hidden from screens and exports (e.g. abuse, personal data). The rating still counts in the index. This is recorded in the audit log.',
  ),
  showExplain: s('Nội dung góp ý sẽ hiện lại cho cán bộ. Việc này được ghi vào nhật ký.', 'The comment text will be shown to staff again. This is recorded in the audit log.'),
  propose: s('Đề nghị loại khỏi chỉ số', 'Propose excluding from the index'),
  proposeExplain: s(
    'Phiếu này vẫn được tính cho đến khi một quản trị viên không thuộc cơ quan được đánh giá duyệt đề nghị. Đề nghị, quyết định và lý do được ghi vào nhật ký.',
    'This rating keeps counting until an admin who does not work for the measured agency approves. The proposal, the decision and the reason are recorded in the audit log.',
  ),
  proposed: s('Đã gửi đề nghị loại trừ; chờ quản trị viên độc lập duyệt', 'Exclusion proposed; waiting for an independent admin'),
  excluded: s('Đã loại khỏi chỉ số', 'Excluded from the index'),
  queue: navStrings.moderation,
  queueIntro: s(
    'Mọi thay đổi về những phiếu được tính cần hai người: một người đề nghị, một quản trị viên không thuộc cơ quan được đánh giá duyệt. Người đề nghị không tự duyệt.',
    'Every change to what counts takes two people: one proposes, an admin who does not work for the measured agency decides. Proposers never decide on their own proposals.',
  ),
  proposals: s('Đề nghị loại trừ đang chờ', 'Pending exclusion proposals'),
  flagged: s('Phiếu bị giữ lại chờ xem xét', 'Ratings held back for review'),
  flaggedIntro: s(
    'Các phiếu này được lưu nhưng chưa được tính vì có dấu hiệu bất thường. Cho tính nếu hợp lệ, hoặc loại kèm lý do.',
    'These ratings are stored but not counted because something looked wrong. Let them count if genuine, or exclude them with a reason.',
  ),
  none: s('Không có mục nào', 'Nothing here'),
  approve: s('Duyệt loại trừ', 'Approve exclusion'),
  approveExplain: s(
    'Phiếu sẽ bị loại khỏi chỉ số của cơ quan ngay sau khi duyệt (nếu quý đã khoá sổ, số liệu đã khoá không đổi và phiếu được ghi là loại trừ sau khoá sổ). Quyết định được ghi vào nhật ký.',
    'The rating leaves the agency’s index as soon as you approve (in a closed quarter the frozen figures stay and it is shown as excluded after closing). The decision is recorded in the audit log.',
  ),
  reject: s('Từ chối', 'Reject'),
  rejectExplain: s(
    'Phiếu tiếp tục được tính. Ghi lý do từ chối; quyết định được ghi vào nhật ký.',
    'The rating keeps counting. Give the reason; the decision is recorded in the audit log.',
  ),
  withdraw: s('Rút đề nghị', 'Withdraw'),
  withdrawExplain: s(
    'Đề nghị của Ông/Bà sẽ được rút; phiếu tiếp tục được tính. Việc này được ghi vào nhật ký.',
    'Your proposal is withdrawn; the rating keeps counting. This is recorded in the audit log.',
  ),
  letCount: s('Cho tính vào chỉ số', 'Let it count'),
  letCountExplain: s(
    'Phiếu sẽ được tính vào chỉ số của cơ quan ngay. Quyết định và lý do được ghi vào nhật ký.',
    'The rating will count in the agency’s index at once. The decision and the reason are recorded in the audit log.',
  ),
  exclude: s('Loại khỏi chỉ số', 'Exclude'),
  excludeExplain: s(
    'Phiếu tiếp tục không được tính, nay kèm lý do loại trừ trong báo cáo. Quyết định được ghi vào nhật ký.',
    'The rating stays out of the index, now with an exclusion reason in the report. The decision is recorded in the audit log.',
  ),
  proposedBy: s('Người đề nghị', 'Proposed by'),
  mine: s('(của Ông/Bà)', '(yours)'),
  signal: s('Dấu hiệu', 'Signal'),
  // Closing and publishing
  periodTitle: s('Khoá sổ và công bố', 'Closing and publishing'),
  open: s('Quý đang mở: số liệu còn thay đổi', 'Quarter open: figures may still change'),
  notEnded: s('Quý chưa kết thúc, chưa khoá sổ được', 'The quarter has not ended yet and cannot be closed'),
  closedAs: s('Đã khoá sổ, phiên bản', 'Closed, version'),
  published: s('Đã công bố, phiên bản', 'Published, version'),
  lateArrivals: s('phiếu đến muộn (không cộng vào số liệu đã khoá)', 'late responses (not added to the frozen figures)'),
  lateExclusions: s('phiếu loại trừ sau khi khoá sổ', 'exclusions after closing'),
  close: s('Khoá sổ quý', 'Close the quarter'),
  closeExplain: s(
    'Báo cáo quý sẽ được đóng băng thành một bản chụp (nội dung, mã băm, người, thời điểm, phương pháp, phiên bản phiếu). Bảng điều khiển, tệp xuất và bản in của quý sẽ đọc bản chụp này; phiếu đến sau được lưu và ghi là đến muộn.',
    'The quarter’s report will be frozen as a snapshot (content, hash, who, when, method, survey versions). The dashboard, exports and print view of the quarter will read it; later responses are stored and shown as late.',
  ),
  reopen: s('Mở lại quý', 'Reopen the quarter'),
  reopenExplain: s(
    'Số liệu của quý sẽ lại thay đổi theo phiếu đến muộn và loại trừ; khi khoá sổ lại sẽ có phiên bản mới. Bản đã công bố vẫn hiển thị trên trang công khai cho đến khi công bố phiên bản mới. Cần ghi lý do; việc này được ghi vào nhật ký.',
    'The quarter’s figures will change again with late responses and exclusions; closing it again makes a new version. The published version stays on the public page until a new one is published. A reason is required and recorded in the audit log.',
  ),
  publish: s('Công bố công khai', 'Publish'),
  publishExplain: s(
    'Bảng xếp hạng đã khoá của quý (chỉ số, n, khoảng tin cậy, danh sách chưa đủ mẫu và phương pháp) sẽ hiển thị cho mọi người tại trang /cong-khai, không cần đăng nhập.',
    'The quarter’s frozen ranking (index, n, intervals, insufficient-sample list, method) will be shown to everyone at /cong-khai, without sign-in.',
  ),
  history: s('Lịch sử các phiên bản', 'Version history'),
  reopenedBecause: s('mở lại vì', 'reopened because'),
  publicPage: s('Trang công khai', 'Public page'),
  // Credibility
  credibility: s('Độ tin cậy của số liệu', 'How far the figures can be trusted'),
  shareByChannel: s('Tỷ lệ phiếu theo kênh', 'Share of ratings by channel'),
  flaggedCount: s('Bị giữ lại chờ xem xét', 'Held back for review'),
  excludedCount: s('Đã loại khỏi chỉ số', 'Excluded from the index'),
  lateCount: s('Đến muộn (sau khoá sổ)', 'Late (after closing)'),
  receiptIndex: s('Chỉ số chỉ tính phiếu qua mã biên nhận', 'Index on receipt-code answers alone'),
  allIndex: s('Chỉ số trên mọi phiếu', 'Index on all answers'),
  receiptHint: s(
    'Phiếu qua mã biên nhận do người dân trả lời tại nhà, mỗi hồ sơ một mã. Nếu chỉ số tại quầy cao hơn nhiều so với chỉ số này, cần xem xét.',
    'Receipt-code answers are given by citizens at home, one code per dossier. Desk ratings far above this index are worth a look.',
  ),
  excludedByReason: s('Phiếu bị loại theo lý do', 'Excluded ratings by reason'),
}
