import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { client } from '../lib/client.ts'
import { s, strings } from '../lib/strings.ts'

const text = {
  failed: s('Không tải được áp phích', 'The poster could not be loaded'),
  print: s('In áp phích (A4)', 'Print the poster (A4)'),
  inactive: s('Quầy này đã ngừng nhận đánh giá', 'This desk no longer takes ratings'),
}

// Scoped to this page; the QR is sized in millimetres so it prints large enough to scan from a metre away.
const POSTER_CSS = `
@page { size: A4 portrait; margin: 12mm; }
.desk-poster { max-width: 186mm; margin: 0 auto; text-align: center; color: #000; background: #fff; padding: 8mm 6mm; }
.desk-poster .agency { font-size: 20pt; font-weight: 700; margin: 0; text-transform: uppercase; }
.desk-poster h1 { font-size: 26pt; margin: 4mm 0 6mm; }
.desk-poster .call { font-size: 22pt; font-weight: 700; margin: 0 0 4mm; }
.desk-poster .qr { width: 105mm; height: 105mm; margin: 0 auto; }
.desk-poster .qr svg { width: 100%; height: 100%; display: block; }
.desk-poster ol { text-align: left; font-size: 14pt; margin: 6mm auto; max-width: 150mm; line-height: 1.4; }
.desk-poster .en { color: #333; font-size: 11pt; }
.desk-poster .en ol { font-size: 11pt; margin-top: 2mm; }
.desk-poster .link { font-family: ui-monospace, monospace; font-size: 11pt; word-break: break-all; margin-top: 6mm; }
.desk-poster .privacy { font-size: 10pt; color: #333; }
@media print { .desk-poster { padding: 0; max-width: none; } }
`

/** A desk's A4 poster: who is rated, the QR code of its public link, short instructions, the link as text. */
export function DeskPosterPage({ id }: { id: string }) {
  const { tr } = useApp()
  const poster = useGet(client.api.v1.desks[':id'].poster, { param: { id } })
  if (poster.error) return <p role="alert">{tr(poster.error.body?.error.message ?? text.failed)}</p>
  const p = poster.data
  if (!p) return <p aria-busy="true">{tr(strings.loading)}</p>
  return (
    <article class="desk-poster">
      <style>{POSTER_CSS}</style>
      <p class="no-print">
        <button type="button" onClick={() => window.print()}>
          {tr(text.print)}
        </button>
        {p.desk.active ? null : <strong> {tr(text.inactive)}</strong>}
      </p>
      <p class="agency">{p.agency.name}</p>
      <h1>{p.desk.name}</h1>
      <p class="call" lang="vi">
        Mời Ông/Bà đánh giá sự phục vụ
      </p>
      <div class="qr" role="img" aria-label={`Mã QR: ${p.link}`} dangerouslySetInnerHTML={{ __html: p.qrSvg }} />
      <ol lang="vi">
        <li>Mở máy ảnh hoặc Zalo trên điện thoại và quét mã QR.</li>
        <li>Trả lời vài câu hỏi, mất khoảng 1 phút.</li>
        <li>Bấm “Gửi đánh giá”. Không cần họ tên hay số điện thoại.</li>
      </ol>
      <div class="en" lang="en">
        <p>Please rate our service</p>
        <ol>
          <li>Scan the QR code with your phone’s camera.</li>
          <li>Answer a few questions (about one minute).</li>
          <li>Press “Send”. No name or phone number is asked.</li>
        </ol>
      </div>
      <p class="link">{p.link}</p>
      <p class="privacy">
        Mỗi điện thoại đánh giá một lần mỗi ngày. <span lang="en">One rating per phone per day.</span>
      </p>
    </article>
  )
}
