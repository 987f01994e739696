import { RefusedPage } from '../components/load-error.tsx'
import { useEffect, useState } from 'preact/hooks'
import { DataTable } from '../components/data-table.tsx'
import { TextField } from '../components/field.tsx'
import { FormError } from '../components/form-error.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { client, type Res } from '../lib/client.ts'
import { formatDateTime } from '../lib/format.ts'
import { s, strings } from '../lib/strings.ts'

type Found = Res<typeof client.api.v1.admin.privacy.dossiers.lookup.$post>['responses']

const text = {
  title: strings.privacy,
  retention: s('Thời hạn lưu góp ý và người liên hệ', 'Comment retention and contact'),
  years: s('Xoá nội dung góp ý sau (năm; để trống: giữ)', 'Remove comment text after (years; empty: keep)'),
  contact: s('Người dân hỏi về dữ liệu của mình ở đâu', 'Where citizens ask about their data'),
  save: s('Lưu', 'Save'),
  saved: s('Đã lưu', 'Saved'),
  runNow: s('Xoá góp ý quá hạn ngay', 'Remove expired comment text now'),
  noPeriod: s('Chưa đặt thời hạn: không xoá gì', 'No retention period set: nothing removed'),
  cleared: (n: number) => s(`Đã xoá nội dung của ${n} góp ý cũ`, `Removed the text of ${n} old comments`),
  ratingsStay: s(
    'Điểm đánh giá được giữ lại; chỉ nội dung chữ bị xoá. Việc xoá cũng chạy tự động mỗi ngày.',
    'Ratings stay; only the words are removed. This also runs by itself every day.',
  ),
  erasure: s('Yêu cầu xoá dữ liệu theo mã hồ sơ', 'Erasure request by dossier code'),
  dossier: s('Mã hồ sơ trên giấy hẹn', 'Dossier code on the receipt'),
  find: s('Tìm phiếu', 'Find responses'),
  found: (n: number) => s(`${n} phiếu gắn với mã hồ sơ này`, `${n} responses tied to this dossier`),
  time: s('Thời điểm', 'Time'),
  agency: strings.agency,
  desk: strings.desk,
  survey: s('Phiếu', 'Survey'),
  quarter: s('Quý', 'Quarter'),
  reason: s('Lý do (số đơn, ngày yêu cầu)', 'Reason (request number, date)'),
  erase: s('Xoá các phiếu này', 'Erase these responses'),
  erased: (n: number, quarters: string[]) =>
    s(`Đã xoá ${n} phiếu; chỉ số các quý ${quarters.join(', ')} đã được tính lại`, `Erased ${n} responses; the index of ${quarters.join(', ')} was recomputed`),
  none: s('Không có phiếu nào gắn với mã hồ sơ này', 'No responses are tied to this dossier code'),
}

/**
 * Personal-data duties (Luật 91/2025/QH15) for admins: how long comment text is kept, whom the privacy
 * notice names, and a citizen's request to erase their answers, found by the dossier code on their receipt.
 */
export function AdminPrivacyPage() {
  const { lang, auth, tr } = useApp()
  const settings = useGet(client.api.v1.admin.privacy.settings)
  const save = useAction()
  const request = useAction()
  const [form, setForm] = useState({ years: '', contact: '' })
  const [saved, setSaved] = useState('')
  const [dossier, setDossier] = useState('')
  const [reason, setReason] = useState('')
  const [found, setFound] = useState<Found | null>(null)
  const [done, setDone] = useState('')
  useEffect(() => {
    if (settings.data) setForm({ years: settings.data.commentYears === null ? '' : String(settings.data.commentYears), contact: settings.data.contact ?? '' })
  }, [settings.data])
  const when = (iso: string) => formatDateTime(iso, lang, auth?.timeZone)
  const saveSettings = async (e: Event) => {
    e.preventDefault()
    setSaved('')
    const years = form.years.trim() === '' ? null : Number(form.years)
    const r = await save.call((c) => c.api.v1.admin.privacy.settings.$patch({ json: { commentYears: years, contact: form.contact.trim() || null } }))
    if (r) setSaved(tr(text.saved))
  }
  const runRetention = async () => {
    const r = await save.call((c) => c.api.v1.admin.privacy.retention.run.$post())
    if (r) setSaved(tr(r.commentYears === null ? text.noPeriod : text.cleared(r.cleared)))
  }
  const lookup = async (e: Event) => {
    e.preventDefault()
    setDone('')
    const r = await request.call((c) => c.api.v1.admin.privacy.dossiers.lookup.$post({ json: { dossier } }))
    setFound(r ? r.responses : null)
  }
  const erase = async (e: Event) => {
    e.preventDefault()
    const r = await request.call((c) => c.api.v1.admin.privacy.dossiers.erase.$post({ json: { dossier, reason } }))
    if (r) {
      setFound(null)
      setReason('')
      setDone(tr(text.erased(r.erased, r.quarters)))
    }
  }

  if (settings.error) return <RefusedPage title={tr(text.title)} error={settings.error} />
  return (
    <>
      <h1>{tr(text.title)}</h1>
      <section class="card">
        <h2>{tr(text.retention)}</h2>
        <form class="filters" onSubmit={saveSettings}>
          <TextField
            id="pv-years"
            name="commentYears"
            error={save.error}
            label={tr(text.years)}
            inputMode="numeric"
            value={form.years}
            onValue={(years) => setForm({ ...form, years })}
          />
          <TextField id="pv-contact" name="contact" error={save.error} label={tr(text.contact)} value={form.contact} onValue={(contact) => setForm({ ...form, contact })} />
          <button type="submit" disabled={save.busy}>
            {tr(text.save)}
          </button>
          <button type="button" class="secondary" disabled={save.busy} onClick={() => void runRetention()}>
            {tr(text.runNow)}
          </button>
        </form>
        <FormError error={save.error} labels={{ commentYears: tr(text.years), contact: tr(text.contact) }} />
        <p role="status">{saved}</p>
        <p class="muted">{tr(text.ratingsStay)}</p>
      </section>

      <section class="card">
        <h2>{tr(text.erasure)}</h2>
        <form class="filters" onSubmit={lookup}>
          <TextField id="pv-dossier" name="dossier" error={request.error} label={tr(text.dossier)} value={dossier} onValue={setDossier} />
          <button type="submit" disabled={request.busy}>
            {tr(text.find)}
          </button>
        </form>
        <FormError error={request.error} labels={{ dossier: tr(text.dossier), reason: tr(text.reason) }} />
        <p role="status">{done}</p>
        {found ? (
          found.length ? (
            <>
              <DataTable caption={tr(text.found(found.length))} columns={[tr(text.time), tr(text.agency), tr(text.desk), tr(text.survey), tr(text.quarter)]}>
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
              <form class="filters" onSubmit={erase}>
                <TextField id="pv-reason" name="reason" error={request.error} label={tr(text.reason)} value={reason} onValue={setReason} />
                <button type="submit" class="danger" disabled={request.busy}>
                  {tr(text.erase)}
                </button>
              </form>
            </>
          ) : (
            <p role="status">{tr(text.none)}</p>
          )
        ) : null}
      </section>
    </>
  )
}
