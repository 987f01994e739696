import { s } from '../text.ts'

export const surveyStrings = {
  loading: s('Đang tải…', 'Loading…'),
  rating: s('Đánh giá', 'Rating'),
  next: s('Tiếp theo', 'Next'),
  back: s('Quay lại', 'Back'),
  submit: s('Gửi đánh giá', 'Send'),
  sending: s('Đang gửi…', 'Sending…'),
  step: s('Bước', 'Step'),
  of: s('trên', 'of'),
  required: s('Vui lòng trả lời câu hỏi này', 'Please answer this question'),
  thanks: s('Cảm ơn Ông/Bà đã đánh giá!', 'Thank you for your feedback!'),
  thanksMore: s('Ý kiến của Ông/Bà giúp cơ quan phục vụ tốt hơn.', 'Your answers help the agency serve you better.'),
  already: s('Ông/Bà đã đánh giá, cảm ơn', 'You have already answered, thank you'),
  expired: s('Mã đánh giá này đã hết hạn', 'This rating code has expired'),
  expiredMore: s(
    'Mã trên giấy hẹn chỉ dùng được trong thời hạn ghi trên giấy. Ông/Bà vẫn có thể đánh giá bằng mã QR dán tại quầy.',
    'The code on the receipt works only until the date printed on it. You can still rate the service with the QR code at the desk.',
  ),
  today: s('Ông/Bà đã đánh giá quầy này hôm nay, cảm ơn', 'You have already rated this desk today, thank you'),
  todayMore: s(
    'Để kết quả khách quan, mỗi điện thoại chỉ gửi một đánh giá cho một quầy trong một ngày. Ông/Bà có thể đánh giá lại vào ngày mai.',
    'To keep the results fair, each phone can send one rating per desk per day. You can rate again tomorrow.',
  ),
  inactive: s('Quầy này đã ngừng nhận đánh giá', 'This desk no longer takes ratings'),
  notFound: s('Đường dẫn khảo sát không tồn tại hoặc đã hết hạn.', 'This survey link does not exist or has expired.'),
  offline: s('Chưa gửi được vì mất kết nối. Câu trả lời vẫn được giữ trên máy, hãy thử lại.', 'Not sent: no connection. Your answers are kept on this device; please try again.'),
  refused: s('Chưa gửi được', 'Could not send'),
  serverError: s(
    'Máy chủ đang gặp sự cố, câu trả lời vẫn được giữ trên máy. Ông/Bà vui lòng thử lại sau ít phút.',
    'The server has a problem; your answers are kept on this device. Please try again in a few minutes.',
  ),
  retry: s('Thử lại', 'Try again'),
  resumed: s('Đã khôi phục câu trả lời đang làm dở.', 'Your unfinished answers were restored.'),
  privacy: s('Phiếu khảo sát không thu thập họ tên hay số điện thoại.', 'This survey does not ask for your name or phone number.'),
}
