import { useState } from 'preact/hooks'
import { FormError } from '../components/form-error.tsx'
import { DataTable } from '../components/data-table.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useFetch } from '../hooks/use-fetch.ts'

interface Kiosk {
  id: number
  name: string
  agency: { code: string; name: string }
  desk: { id: number; code: string; name: string }
  status: 'ok' | 'silent' | 'unpaired' | 'revoked'
  lastSeenAt: string | null
  appVersion: string | null
  queueLength: number | null
  lastSubmissionAt: string | null
}
interface Pairing {
  url: string
  expiresAt: string
  qrSvg: string
}
interface AgencyDesks {
  agencies: Array<{ code: string; name: string; desks: Array<{ id: number; code: string; name: string; active: boolean }> }>
}

const statusText = {
  ok: ['Hoạt động', 'Working'],
  silent: ['Im lặng quá 10 phút trong giờ làm việc', 'Silent for over 10 minutes in opening hours'],
  unpaired: ['Chưa ghép nối', 'Not paired'],
  revoked: ['Đã thu hồi', 'Revoked'],
} as const

/** The desk tablets: fleet status at a glance, pairing a new one with a QR code, renaming and revoking. */
export function AdminKiosksPage() {
  const { lang, auth } = useApp()
  const vi = lang === 'vi'
  const list = useFetch<{ kiosks: Kiosk[] }>('/api/v1/kiosks')
  const desks = useFetch<AgencyDesks>('/api/v1/admin/agencies')
  const action = useAction()
  const [form, setForm] = useState({ deskId: '', name: '' })
  const [pairing, setPairing] = useState<(Pairing & { name: string }) | null>(null)
  const canEdit = auth?.user.role !== 'viewer'
  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString(vi ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }) : '—')
  const create = async (e: Event) => {
    e.preventDefault()
    const r = await action.run<{ pairing: Pairing }>('POST', '/api/v1/kiosks', { deskId: Number(form.deskId), name: form.name })
    if (r) {
      setPairing({ ...r.pairing, name: form.name })
      list.reload()
    }
  }
  const renew = async (k: Kiosk) => {
    const r = await action.run<{ pairing: Pairing }>('POST', `/api/v1/kiosks/${k.id}/pairing`, {})
    if (r) setPairing({ ...r.pairing, name: k.name })
  }
  return (
    <>
      <h1>{vi ? 'Máy tính bảng tại quầy' : 'Desk tablets'}</h1>
      <FormError error={action.error} />
      {canEdit ? (
        <section class="card">
          <h2>{vi ? 'Thêm máy tính bảng' : 'Add a tablet'}</h2>
          <form class="filters" onSubmit={create}>
            <div class="filter">
              <label for="k-desk">{vi ? 'Quầy' : 'Desk'}</label>
              <select id="k-desk" value={form.deskId} onChange={(e) => setForm({ ...form, deskId: (e.target as HTMLSelectElement).value })}>
                <option value="">—</option>
                {desks.data?.agencies.flatMap((a) =>
                  a.desks
                    .filter((d) => d.active)
                    .map((d) => (
                      <option value={String(d.id)} key={d.id}>
                        {a.name} — {d.name}
                      </option>
                    )),
                )}
              </select>
            </div>
            <div class="filter">
              <label for="k-name">{vi ? 'Tên máy' : 'Tablet name'}</label>
              <input id="k-name" value={form.name} onInput={(e) => setForm({ ...form, name: (e.target as HTMLInputElement).value })} />
            </div>
            <button type="submit">{vi ? 'Tạo và lấy mã ghép nối' : 'Create and get a pairing code'}</button>
          </form>
        </section>
      ) : null}
      {pairing ? (
        <section class="card pairing" aria-live="polite">
          <h2>
            {vi ? 'Ghép nối' : 'Pairing'} {pairing.name}
          </h2>
          <p>
            {vi
              ? 'Mở đường dẫn này trên máy tính bảng (hoặc quét mã QR) trong vòng 15 phút; mã chỉ dùng được một lần.'
              : 'Open this link on the tablet (or scan the QR code) within 15 minutes; the code works once.'}
          </p>
          <div class="qr" role="img" aria-label={vi ? 'Mã QR ghép nối' : 'Pairing QR code'} dangerouslySetInnerHTML={{ __html: pairing.qrSvg }} />
          <p>
            <code class="link-text">{pairing.url}</code>
          </p>
          <p class="muted">
            {vi ? 'Hết hạn lúc' : 'Expires at'} {time(pairing.expiresAt)}
          </p>
        </section>
      ) : null}
      <DataTable caption={vi ? 'Tình trạng các máy' : 'Fleet status'} columns={[vi ? 'Máy' : 'Tablet', vi ? 'Quầy' : 'Desk', vi ? 'Trạng thái' : 'Status', vi ? 'Liên lạc lần cuối' : 'Last seen', vi ? 'Chưa gửi' : 'Unsent', vi ? 'Đánh giá gần nhất' : 'Last rating', vi ? 'Thao tác' : 'Actions']}>
        {list.data?.kiosks.map((k) => (
          <tr key={k.id} class={k.status === 'silent' ? 'attention' : ''}>
            <th scope="row">{k.name}</th>
            <td>
              {k.agency.name} — {k.desk.name}
            </td>
            <td>{statusText[k.status][vi ? 0 : 1]}</td>
            <td>{time(k.lastSeenAt)}</td>
            <td class="num">{k.queueLength ?? '—'}</td>
            <td>{time(k.lastSubmissionAt)}</td>
            <td class="row-actions">
              {canEdit && k.status !== 'revoked' ? (
                <>
                  <button type="button" class="secondary small" onClick={() => renew(k)}>
                    {vi ? 'Mã ghép nối mới' : 'New pairing code'}
                  </button>
                  <button type="button" class="secondary small" onClick={async () => (await action.run('POST', `/api/v1/kiosks/${k.id}/revoke`, {})) && list.reload()}>
                    {vi ? 'Thu hồi' : 'Revoke'}
                  </button>
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  )
}
