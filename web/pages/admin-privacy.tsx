import { useEffect, useState } from 'preact/hooks'
import { DataTable } from '../components/data-table.tsx'
import { FormError } from '../components/form-error.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useFetch } from '../hooks/use-fetch.ts'
import { formatDateTime } from '../lib/format.ts'

interface Settings {
  commentYears: number | null
  contact: string | null
}
interface Found {
  id: number
  submittedAt: string
  agencyName: string
  deskName: string | null
  channel: string
  survey: string
  quarter: string
}

/**
 * Personal-data duties (Luật 91/2025/QH15) for admins: how long comment text is kept, whom the privacy
 * notice names, and a citizen's request to erase their answers, found by the dossier code on their receipt.
 */
export function AdminPrivacyPage() {
  const { lang, auth } = useApp()
  const vi = lang === 'vi'
  const settings = useFetch<Settings>('/api/v1/admin/privacy/settings')
  const save = useAction()
  const request = useAction()
  const [form, setForm] = useState({ years: '', contact: '' })
  const [saved, setSaved] = useState('')
  const [dossier, setDossier] = useState('')
  const [reason, setReason] = useState('')
  const [found, setFound] = useState<Found[] | null>(null)
  const [done, setDone] = useState('')
  useEffect(() => {
    if (settings.data) setForm({ years: settings.data.commentYears === null ? '' : String(settings.data.commentYears), contact: settings.data.contact ?? '' })
  }, [settings.data])
  const when = (iso: string) => formatDateTime(iso, lang, auth?.timeZone)

  return (
    <>
      <h1>{vi ? 'Dữ liệu cá nhân' : 'Personal data'}</h1>
      <section class="card">
        <h2>{vi ? 'Thời hạn lưu góp ý và người liên hệ' : 'Comment retention and contact'}</h2>
        <form
          class="filters"
          onSubmit={async (e) => {
            e.preventDefault()
            setSaved('')
            const years = form.years.trim() === '' ? null : Number(form.years)
            const r = await save.run<Settings>('PATCH', '/api/v1/admin/privacy/settings', { commentYears: years, contact: form.contact.trim() || null })
            if (r) setSaved(vi ? 'Đã lưu' : 'Saved')
          }}
        >
          <div class="filter">
            <label for="pv-years">{vi ? 'Xoá nội dung góp ý sau (năm; để trống: giữ)' : 'Remove comment text after (years; empty: keep)'}</label>
            <input
              id="pv-years"
              inputMode="numeric"
              value={form.years}
              aria-invalid={save.error?.fields.commentYears ? 'true' : undefined}
              aria-describedby="pv-years-error"
              onInput={(e) => setForm({ ...form, years: (e.target as HTMLInputElement).value })}
            />
            {save.error?.fields.commentYears ? (
              <p id="pv-years-error" class="form-error">
                {save.error.fields.commentYears}
              </p>
            ) : null}
          </div>
          <div class="filter">
            <label for="pv-contact">{vi ? 'Người dân hỏi về dữ liệu của mình ở đâu' : 'Where citizens ask about their data'}</label>
            <input id="pv-contact" value={form.contact} onInput={(e) => setForm({ ...form, contact: (e.target as HTMLInputElement).value })} />
          </div>
          <button type="submit" disabled={save.busy}>
            {vi ? 'Lưu' : 'Save'}
          </button>
          <button
            type="button"
            class="secondary"
            disabled={save.busy}
            onClick={async () => {
              const r = await save.run<{ cleared: number; commentYears: number | null }>('POST', '/api/v1/admin/privacy/retention/run', {})
              if (r)
                setSaved(
                  r.commentYears === null
                    ? vi
                      ? 'Chưa đặt thời hạn: không xoá gì'
                      : 'No retention period set: nothing removed'
                    : vi
                      ? `Đã xoá nội dung của ${r.cleared} góp ý cũ`
                      : `Removed the text of ${r.cleared} old comments`,
                )
            }}
          >
            {vi ? 'Xoá góp ý quá hạn ngay' : 'Remove expired comment text now'}
          </button>
        </form>
        <FormError error={save.error} />
        <p role="status">{saved}</p>
        <p class="muted">
          {vi
            ? 'Điểm đánh giá được giữ lại; chỉ nội dung chữ bị xoá. Việc xoá cũng chạy tự động mỗi ngày.'
            : 'Ratings stay; only the words are removed. This also runs by itself every day.'}
        </p>
      </section>

      <section class="card">
        <h2>{vi ? 'Yêu cầu xoá dữ liệu theo mã hồ sơ' : 'Erasure request by dossier code'}</h2>
        <form
          class="filters"
          onSubmit={async (e) => {
            e.preventDefault()
            setDone('')
            const r = await request.run<{ responses: Found[] }>('POST', '/api/v1/admin/privacy/dossiers/lookup', { dossier })
            setFound(r ? r.responses : null)
          }}
        >
          <div class="filter">
            <label for="pv-dossier">{vi ? 'Mã hồ sơ trên giấy hẹn' : 'Dossier code on the receipt'}</label>
            <input id="pv-dossier" value={dossier} onInput={(e) => setDossier((e.target as HTMLInputElement).value)} />
          </div>
          <button type="submit" disabled={request.busy}>
            {vi ? 'Tìm phiếu' : 'Find responses'}
          </button>
        </form>
        <FormError error={request.error} />
        <p role="status">{done}</p>
        {found ? (
          found.length ? (
            <>
              <DataTable
                caption={vi ? `${found.length} phiếu gắn với mã hồ sơ này` : `${found.length} responses tied to this dossier`}
                columns={[vi ? 'Thời điểm' : 'Time', vi ? 'Cơ quan' : 'Agency', vi ? 'Quầy' : 'Desk', vi ? 'Phiếu' : 'Survey', vi ? 'Quý' : 'Quarter']}
              >
                {found.map((r) => (
                  <tr key={r.id}>
                    <td>{when(r.submittedAt)}</td>
                    <td>{r.agencyName}</td>
                    <td>{r.deskName ?? '—'}</td>
                    <td>{r.survey}</td>
                    <td>{r.quarter}</td>
                  </tr>
                ))}
              </DataTable>
              <form
                class="filters"
                onSubmit={async (e) => {
                  e.preventDefault()
                  const r = await request.run<{ erased: number; quarters: string[] }>('POST', '/api/v1/admin/privacy/dossiers/erase', { dossier, reason })
                  if (r) {
                    setFound(null)
                    setReason('')
                    setDone(
                      vi
                        ? `Đã xoá ${r.erased} phiếu; chỉ số các quý ${r.quarters.join(', ')} đã được tính lại`
                        : `Erased ${r.erased} responses; the index of ${r.quarters.join(', ')} was recomputed`,
                    )
                  }
                }}
              >
                <div class="filter">
                  <label for="pv-reason">{vi ? 'Lý do (số đơn, ngày yêu cầu)' : 'Reason (request number, date)'}</label>
                  <input
                    id="pv-reason"
                    value={reason}
                    aria-invalid={request.error?.fields.reason ? 'true' : undefined}
                    onInput={(e) => setReason((e.target as HTMLInputElement).value)}
                  />
                  {request.error?.fields.reason ? <p class="form-error">{request.error.fields.reason}</p> : null}
                </div>
                <button type="submit" class="danger" disabled={request.busy}>
                  {vi ? 'Xoá các phiếu này' : 'Erase these responses'}
                </button>
              </form>
            </>
          ) : (
            <p role="status">{vi ? 'Không có phiếu nào gắn với mã hồ sơ này' : 'No responses are tied to this dossier code'}</p>
          )
        ) : null}
      </section>
    </>
  )
}
