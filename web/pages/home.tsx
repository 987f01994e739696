export function HomePage() {
  return (
    <main class="page">
      <h1>hailong — Chỉ số hài lòng của người dân, tổ chức</h1>
      <p lang="en">Citizen-satisfaction index for public administration</p>
      <ul class="roles">
        <li>
          <a href="/kiosk">Máy tính bảng tại quầy Một cửa</a> <span lang="en">— tablet at the one-stop desk</span>
        </li>
        <li>
          Người dân đánh giá qua mã QR dán tại quầy <span lang="en">— citizens rate through the QR code at the desk</span>
        </li>
        <li>
          Cán bộ Sở Nội vụ theo dõi chỉ số <span lang="en">— Home Affairs staff follow the index</span>
        </li>
      </ul>
    </main>
  )
}
