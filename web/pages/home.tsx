import { useApp } from '../hooks/use-auth.ts'

export function HomePage() {
  const { auth, lang } = useApp()
  const vi = lang === 'vi'
  return (
    <section class="home">
      <h1>{vi ? 'Chỉ số hài lòng của người dân, tổ chức' : 'Citizen satisfaction index'}</h1>
      <p>
        {vi
          ? 'hailong đo mức độ hài lòng của người dân với từng cơ quan hành chính, theo quý, và công bố chỉ số cùng bảng xếp hạng.'
          : 'hailong measures how satisfied citizens are with each agency, per quarter, and publishes an index with rankings.'}
      </p>
      <ul class="roles">
        <li>
          <strong>{vi ? 'Tại quầy Một cửa' : 'At the one-stop desk'}:</strong> <a href="/kiosk">{vi ? 'máy tính bảng đánh giá' : 'rating tablet'}</a>
        </li>
        <li>
          <strong>{vi ? 'Người dân' : 'Citizens'}:</strong> {vi ? 'quét mã QR dán tại quầy hoặc in trên giấy hẹn trả kết quả' : 'scan the QR code at the desk or on the receipt'}
        </li>
        <li>
          <strong>{vi ? 'Cán bộ Sở Nội vụ, cơ quan' : 'Home Affairs and agency staff'}:</strong>{' '}
          <a href={auth ? '/dashboard' : '/login'}>{vi ? 'xem chỉ số và xuất báo cáo' : 'see the index and export reports'}</a>
        </li>
      </ul>
    </section>
  )
}
