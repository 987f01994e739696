import { useApp } from '../hooks/use-auth.ts'
import { s } from '../lib/strings.ts'

const text = {
  title: s('Chỉ số hài lòng của người dân, tổ chức', 'Citizen satisfaction index'),
  intro: s(
    'hailong đo mức độ hài lòng của người dân với từng cơ quan hành chính, theo quý, và công bố chỉ số cùng bảng xếp hạng.',
    'hailong measures how satisfied citizens are with each agency, per quarter, and publishes an index with rankings.',
  ),
  atDesk: s('Tại quầy Một cửa', 'At the one-stop desk'),
  tablet: s('máy tính bảng đánh giá', 'rating tablet'),
  citizens: s('Người dân', 'Citizens'),
  scan: s('quét mã QR dán tại quầy hoặc in trên giấy hẹn trả kết quả', 'scan the QR code at the desk or on the receipt'),
  staff: s('Cán bộ Sở Nội vụ, cơ quan', 'Home Affairs and agency staff'),
  staffDo: s('xem chỉ số và xuất báo cáo', 'see the index and export reports'),
}

export function HomePage() {
  const { auth, tr } = useApp()
  return (
    <section class="home">
      <h1>{tr(text.title)}</h1>
      <p>{tr(text.intro)}</p>
      <ul class="roles">
        <li>
          <strong>{tr(text.atDesk)}:</strong> <a href="/kiosk">{tr(text.tablet)}</a>
        </li>
        <li>
          <strong>{tr(text.citizens)}:</strong> {tr(text.scan)}
        </li>
        <li>
          <strong>{tr(text.staff)}:</strong> <a href={auth ? '/dashboard' : '/login'}>{tr(text.staffDo)}</a>
        </li>
      </ul>
    </section>
  )
}
