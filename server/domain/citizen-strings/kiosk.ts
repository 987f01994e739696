import { s } from '../text.ts'

export const kioskStrings = {
  title: s('Đánh giá sự hài lòng', 'Rate our service'),
  start: s('Đánh giá', 'Rate'),
  startHint: s('Chạm để đánh giá sự phục vụ hôm nay', 'Tap to rate today’s service'),
  details: s('Ông/Bà cho biết thêm (không bắt buộc)', 'Tell us a little more (optional)'),
  send: s('Gửi đánh giá', 'Send'),
  back: s('Quay lại', 'Back'),
  home: s('Về màn hình đầu', 'Back to start'),
  thanks: s('Cảm ơn Ông/Bà đã đánh giá!', 'Thank you for your feedback!'),
  thanksMore: s('Ý kiến của Ông/Bà giúp cơ quan phục vụ tốt hơn.', 'Your answers help us serve you better.'),
  unsent: s('Chưa gửi', 'Unsent'),
  loading: s('Đang tải…', 'Loading…'),
  notPaired: s('Máy chưa được ghép nối', 'This tablet is not paired'),
  notPairedHint: s(
    'Cán bộ quản lý: tạo mã ghép nối cho quầy trong trang quản trị rồi mở đường dẫn ghép nối trên máy này.',
    'Staff: create a pairing code for the desk in the dashboard, then open the pairing link on this tablet.',
  ),
  revoked: s('Máy tính bảng này đã bị thu hồi, không nhận đánh giá mới.', 'This tablet was revoked and takes no new ratings.'),
  pairing: s('Đang ghép nối…', 'Pairing…'),
  largeText: s('Chữ lớn', 'Larger text'),
  listen: s('Nghe đọc', 'Listen'),
}
