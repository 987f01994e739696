import { s } from '../text.ts'

/** What the deployment's admins set (see server/privacy/service.ts publicPrivacy). */
export interface PrivacyFacts {
  commentYears: number | null
  contact: string | null
}

export const privacyStrings = {
  title: s('Dữ liệu của Ông/Bà được dùng thế nào', 'How your data is used'),
  collected: s(
    'Được ghi nhận: mức hài lòng, lý do và góp ý Ông/Bà chọn hoặc viết, thời điểm và quầy. Không hỏi họ tên, số điện thoại hay số CCCD — xin đừng viết chúng vào góp ý.',
    'We record: your rating, the reasons and comment you choose or write, the time and the desk. We do not ask for your name, phone or ID number — please do not write them in a comment.',
  ),
  phone: s(
    'Trên điện thoại: một mã ngẫu nhiên trong trình duyệt để mỗi người đánh giá một lần mỗi ngày; địa chỉ mạng chỉ được lưu dưới dạng mã băm.',
    'On a phone: a random code in your browser so each person rates once a day; your network address is kept only as a hash.',
  ),
  why: s('Mục đích: đo sự hài lòng và công bố chỉ số hài lòng của từng cơ quan.', 'Why: to measure satisfaction and publish each agency’s satisfaction index.'),
  keptYears: s(
    'Thời hạn: góp ý được xoá sau {n} năm; mức đánh giá được giữ làm số liệu thống kê.',
    'How long: comments are deleted after {n} years; ratings are kept as statistics.',
  ),
  kept: s(
    // Whoever runs the deployment (a province, or the Ministry): citizens' pages do not know which.
    'Thời hạn: mức đánh giá được giữ làm số liệu thống kê; góp ý được giữ đến khi cơ quan quản lý quyết định xoá.',
    'How long: ratings are kept as statistics; comments until the managing authority decides to delete them.',
  ),
  ask: s(
    'Hỏi, xem hoặc xin xoá đánh giá (nêu mã hồ sơ trên giấy hẹn nếu có): {who}.',
    'To ask, see or have your answers erased (give the dossier code on your receipt if you have one): {who}.',
  ),
  desk: s('cán bộ tại quầy Một cửa', 'the staff at the one-stop desk'),
  law: s('Theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15.', 'Under the Personal Data Protection Law 91/2025/QH15.'),
}
