import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { formatDate, formatDateTime, formatIndex, formatInterval } from '../lib/format.ts'
import { client } from '../lib/client.ts'
import type { LocalizedText } from '../../server/domain/text.ts'
import { s } from '../lib/strings.ts'
import { reasonOf } from '../lib/reason.ts'

const text = {
  title: s('Kết quả đo lường sự hài lòng được công bố', 'Published satisfaction results'),
  intro: s(
    'Chỉ các quý đã khoá sổ và được Sở Nội vụ công bố mới có ở đây. Số liệu là bản đã khoá, không thay đổi sau khi công bố.',
    'Only quarters that were closed and published by the Department of Home Affairs are listed. The figures are the frozen version and do not change after publication.',
  ),
  none: s('Chưa có quý nào được công bố.', 'No quarter has been published yet.'),
  rank: s('Hạng', 'Rank'),
  agency: s('Cơ quan', 'Agency'),
  index: s('Chỉ số', 'Index'),
  interval: s('Khoảng tin cậy 95%', '95% interval'),
  insufficient: s('Chưa đủ mẫu (không xếp hạng)', 'Insufficient sample (not ranked)'),
  method: s('Cách tính', 'How it is computed'),
  methodShare: s(
    'Chỉ số của một tiêu chí là tỷ lệ phần trăm câu trả lời "hài lòng" hoặc "rất hài lòng" (4 hoặc 5) trên tổng số câu trả lời cho tiêu chí đó; "không có ý kiến" không được tính. Chỉ số chung là trung bình các yếu tố. Cơ quan có ít hơn {min} phiếu được ghi "chưa đủ mẫu" và không xếp hạng. Khoảng tin cậy 95% cho biết mức dao động có thể của chỉ số do số phiếu có hạn. Phiếu bị nghi là tự đánh giá, trùng lặp hay gian lận chỉ bị loại khi có hai người: một người đề nghị và một quản trị viên không thuộc cơ quan được đánh giá duyệt.',
    'A criterion’s index is the percentage of answers "satisfied" or "very satisfied" (4 or 5) among the answers to that criterion; "no opinion" is left out. The overall index is the average of the elements. An agency with fewer than {min} responses is marked "insufficient sample" and not ranked. The 95% interval shows how much the index may vary because the number of responses is limited. A rating suspected of self-rating, duplication or fraud is excluded only by two people: one proposes, an admin who does not work for the measured agency approves.',
  ),
  methodPoints: s(
    'Mỗi chỉ tiêu được chấm 2, 1 hoặc 0 điểm cho từng hồ sơ (Thông tư 01/2018/TT-VPCP); điểm chỉ tiêu là điểm trung bình, làm tròn một chữ số thập phân; tổng điểm là tổng các chỉ tiêu. Cơ quan có ít hơn {min} phiếu được ghi "chưa đủ mẫu".',
    'Each indicator scores 2, 1 or 0 points per dossier (Circular 01/2018/TT-VPCP); an indicator’s score is the average, rounded to one decimal; the total is the sum of the indicators. An agency with fewer than {min} responses is marked "insufficient sample".',
  ),
  version: s('Phiên bản', 'Version'),
  published: s('Công bố', 'Published'),
  back: s('← Danh sách các quý', '← All quarters'),
}

/** The public results page (`/cong-khai`): no sign-in; Vietnamese first, then English, on every line. */
export function PublicResultsPage({ survey, period }: { survey?: string; period?: string }) {
  const { lang, tr } = useApp()
  const both = (x: LocalizedText) => (
    <>
      <span lang="vi">{x.vi}</span>
      <br />
      <span lang="en" class="muted">
        {x.en}
      </span>
    </>
  )
  const list = useGet(survey ? null : client.api.v1.public.reports)
  const one = useGet(survey && period ? client.api.v1.public.reports[':survey'][':quarter'] : null, { param: { survey: survey ?? '', quarter: period ?? '' } })
  if (!survey) {
    return (
      <section class="public-page">
        <h1>{both(text.title)}</h1>
        <p>{both(text.intro)}</p>
        {list.data && !list.data.reports.length ? <p>{both(text.none)}</p> : null}
        <ul>
          {list.data?.reports.map((r) => (
            <li key={`${r.survey}/${r.period}`}>
              <a href={`/cong-khai/${r.survey}/${r.period}`}>
                {r.survey} · {r.period}
              </a>{' '}
              <span class="muted">
                ({text.version.vi} / {text.version.en} {r.version} · {formatDate(r.publishedAt, 'vi', list.data?.timeZone)})
              </span>
            </li>
          ))}
        </ul>
      </section>
    )
  }
  // A quarter not (or no longer) published: the reason, and the way to the ones that are.
  if (one.error)
    return (
      <section class="public-page">
        <p class="form-error" role="alert">
          {both(reasonOf(one.error))}
        </p>
        <p>
          <a href="/cong-khai">{tr(text.back)}</a>
        </p>
      </section>
    )
  const p = one.data
  if (!p) return <p aria-busy="true">…</p>
  const r = p.report
  const ranked = r.units.filter((u) => u.sufficient).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
  const insufficient = r.units.filter((u) => !u.sufficient)
  const num = (v: number | null) => formatIndex(v, r.method, lang)
  const method = r.method === 'points' ? text.methodPoints : text.methodShare
  const withMin = (x: LocalizedText) => s(x.vi.replace('{min}', String(r.minSample)), x.en.replace('{min}', String(r.minSample)))
  return (
    <section class="public-page">
      <p>
        <a href="/cong-khai">{tr(text.back)}</a>
      </p>
      <h1>
        {p.title ? both(p.title) : p.survey} — {p.period}
      </h1>
      <p class="muted">
        {text.version.vi} / {text.version.en} {p.version} · {text.published.vi} / {text.published.en}: {formatDateTime(p.publishedAt, 'vi', r.timezone)} · SHA-256{' '}
        {p.hash.slice(0, 16)}…
      </p>
      <p>
        <strong>{both(p.wholeScope)}</strong>: {num(r.overall.index)} · n = {r.overall.n} · {formatInterval(r.overall.ci95, r.method, lang)}
      </p>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={`${text.rank.vi} / ${text.rank.en}`}>
        <table>
          <thead>
            <tr>
              <th scope="col">{both(text.rank)}</th>
              <th scope="col">{both(text.agency)}</th>
              <th scope="col">{both(text.index)}</th>
              <th scope="col">n</th>
              <th scope="col">{both(text.interval)}</th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((u) => (
              <tr key={u.agency}>
                <td class="num">{u.rank}</td>
                <td>{u.name}</td>
                <td class="num">{num(u.index)}</td>
                <td class="num">{u.n}</td>
                <td>{formatInterval(u.ci95, r.method, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{both(text.insufficient)}</h2>
      {insufficient.length ? (
        <ul>
          {insufficient.map((u) => (
            <li key={u.agency}>
              {u.name} (n = {u.n})
            </li>
          ))}
        </ul>
      ) : (
        <p>—</p>
      )}
      <h2>{both(text.method)}</h2>
      <p>{both(withMin(method))}</p>
    </section>
  )
}
