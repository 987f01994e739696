import { useState } from 'preact/hooks'
import { useConfirm } from '../components/confirm.tsx'
import { FormError } from '../components/form-error.tsx'
import { DataTable } from '../components/data-table.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useFetch } from '../hooks/use-fetch.ts'
import { formatDateTime } from '../lib/format.ts'

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
  const confirm = useConfirm()
  const [form, setForm] = useState({ deskId: '', name: '' })
  const [pairing, setPairing] = useState<(Pairing & { name: string }) | null>(null)
  const canEdit = auth?.user.role !== 'viewer'
  const time = (iso: string | null) => (iso ? formatDateTime(iso, lang, auth?.timeZone) : '—')
  const create = async (e: Event) => {
    e.preventDefault()
    const r = await action.run<{ pairing: Pairing }>('POST', '/api/v1/kiosks', { deskId: Number(form.deskId), name: form.name })
    if (r) {
      setPairing({ ...r.pairing, name: form.name })
      list.reload()
    }
  }
  const revoke = async (k: Kiosk) => {
    const ok = await confirm.ask({
      title: vi ? `Thu hồi ${k.name}?` : `Revoke ${k.name}?`,
      consequence: vi
        ? `Máy tại ${k.desk.name} (${k.agency.name}) sẽ hiện "Máy chưa được ghép nối" và không nhận đánh giá mới; những đánh giá máy đã lưu trước lúc này vẫn được gửi và tính. Muốn dùng lại phải tạo máy mới và ghép nối lại.`
        : `The tablet at ${k.desk.name} (${k.agency.name}) will show "not paired" and take no new ratings; what it stored before now is still sent and counted. To use it again, create a new tablet and pair it.`,
      confirm: vi ? 'Thu hồi máy' : 'Revoke the tablet',
    })
    if (ok && (await action.run('POST', `/api/v1/kiosks/${k.id}/revoke`, {}))) list.reload()
  }
  const renew = async (k: Kiosk) => {
    const r = await action.run<{ pairing: Pairing }>('POST', `/api/v1/kiosks/${k.id}/pairing`, {})
    if (r) setPairing({ ...r.pairing, name: k.name })
  }
  return (
    <>
      <h1>{vi ? 'Máy tính bảng tại quầy' : 'Desk tablets'}</h1>
      {confirm.element}
      <FormError error={action.error} labels={{ deskId: vi ? 'Quầy' : 'Desk', name: vi ? 'Tên máy' : 'Tablet name' }} />
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
      <KioskDelays />
      <DataTable
        caption={vi ? 'Tình trạng các máy' : 'Fleet status'}
        columns={[
          vi ? 'Máy' : 'Tablet',
          vi ? 'Quầy' : 'Desk',
          vi ? 'Trạng thái' : 'Status',
          vi ? 'Liên lạc lần cuối' : 'Last seen',
          vi ? 'Chưa gửi' : 'Unsent',
          vi ? 'Đánh giá gần nhất' : 'Last rating',
          vi ? 'Thao tác' : 'Actions',
        ]}
      >
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
                  <KioskEditor kiosk={k} desks={desks.data} onDone={() => list.reload()} />
                  <button type="button" class="secondary small" onClick={() => void revoke(k)}>
                    {vi ? 'Thu hồi…' : 'Revoke…'}
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

/** Rename a tablet or move it to another desk (its pairing stays; the new desk's survey applies at the next heartbeat). */
function KioskEditor({ kiosk, desks, onDone }: { kiosk: Kiosk; desks: AgencyDesks | null; onDone(): void }) {
  const { lang } = useApp()
  const vi = lang === 'vi'
  const [open, setOpen] = useState(false)
  const [name, setName] = useState(kiosk.name)
  const [deskId, setDeskId] = useState(String(kiosk.desk.id))
  const action = useAction()
  const id = `kiosk-${kiosk.id}`
  const save = async (e: Event) => {
    e.preventDefault()
    const change = { ...(name !== kiosk.name ? { name } : {}), ...(Number(deskId) !== kiosk.desk.id ? { deskId: Number(deskId) } : {}) }
    if (Object.keys(change).length && !(await action.run('PATCH', `/api/v1/kiosks/${kiosk.id}`, change))) return
    setOpen(false)
    onDone()
  }
  return (
    <>
      <button type="button" class="secondary small" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {vi ? 'Đổi tên, chuyển quầy' : 'Rename, move'}
      </button>
      {open ? (
        <form id={id} class="desk-edit" onSubmit={save}>
          <div class="filter">
            <label for={`${id}-name`}>{vi ? 'Tên máy' : 'Tablet name'}</label>
            <input id={`${id}-name`} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          </div>
          <div class="filter">
            <label for={`${id}-desk`}>{vi ? 'Quầy' : 'Desk'}</label>
            <select id={`${id}-desk`} value={deskId} onChange={(e) => setDeskId((e.target as HTMLSelectElement).value)}>
              {desks?.agencies.flatMap((a) =>
                a.desks
                  .filter((d) => d.active || d.id === kiosk.desk.id)
                  .map((d) => (
                    <option value={String(d.id)} key={d.id}>
                      {a.name} — {d.name}
                    </option>
                  )),
              )}
            </select>
          </div>
          <button type="submit" disabled={action.busy}>
            {vi ? 'Lưu' : 'Save'}
          </button>
        </form>
      ) : null}
      <FormError error={action.error} labels={{ name: vi ? 'Tên máy' : 'Tablet name', deskId: vi ? 'Quầy' : 'Desk' }} />
    </>
  )
}

interface Delays {
  resetDelayMs: number
  idleTimeoutMs: number
  repeatIntervalMs: number
}

/** The tablets' delays, in seconds: one setting for the province, changed by admins, picked up at the next heartbeat. */
function KioskDelays() {
  const { lang, auth } = useApp()
  const vi = lang === 'vi'
  const current = useFetch<Delays>('/api/v1/kiosks/settings')
  const action = useAction()
  const [edit, setEdit] = useState<Record<keyof Delays, string> | null>(null)
  const [saved, setSaved] = useState(false)
  const isAdmin = auth?.user.role === 'admin'
  const labels: Record<keyof Delays, string> = {
    resetDelayMs: vi ? 'Về màn hình đầu sau lời cảm ơn (giây)' : 'Back to the start after the thank-you (seconds)',
    idleTimeoutMs: vi ? 'Bỏ dở, không gửi, khi không chạm trong (giây)' : 'Abandon, sending nothing, after no touch for (seconds)',
    repeatIntervalMs: vi ? 'Không nhận đánh giá thứ hai trong vòng (giây)' : 'Ignore a second rating within (seconds)',
  }
  if (!current.data) return null
  const values = edit ?? (Object.fromEntries(Object.entries(current.data).map(([k, v]) => [k, String(v / 1000)])) as Record<keyof Delays, string>)
  const save = async (e: Event) => {
    e.preventDefault()
    setSaved(false)
    const body = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Math.round(Number(v.replace(',', '.')) * 1000)]))
    if (await action.run('PUT', '/api/v1/kiosks/settings', body)) {
      setEdit(null)
      setSaved(true)
      current.reload()
    }
  }
  return (
    <section class="card">
      <h2>{vi ? 'Thời gian chờ của máy tính bảng' : 'Tablet delays'}</h2>
      <p class="muted">
        {vi ? 'Áp dụng cho mọi máy trong tỉnh, từ lần liên lạc kế tiếp (tối đa một phút).' : 'For every tablet in the province, from its next heartbeat (within a minute).'}
      </p>
      <form class="filters" onSubmit={save}>
        {(Object.keys(labels) as Array<keyof Delays>).map((k) => (
          <div class="filter" key={k}>
            <label for={`kd-${k}`}>{labels[k]}</label>
            <input id={`kd-${k}`} inputMode="decimal" value={values[k]} disabled={!isAdmin} onInput={(e) => setEdit({ ...values, [k]: (e.target as HTMLInputElement).value })} />
          </div>
        ))}
        {isAdmin ? (
          <button type="submit" disabled={action.busy}>
            {vi ? 'Lưu thời gian chờ' : 'Save the delays'}
          </button>
        ) : null}
      </form>
      {saved ? (
        <p role="status">{vi ? 'Đã lưu. Các máy sẽ dùng thời gian mới từ lần liên lạc kế tiếp.' : 'Saved. The tablets use the new delays from their next heartbeat.'}</p>
      ) : null}
      <FormError error={action.error} labels={labels} />
    </section>
  )
}
