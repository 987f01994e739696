import { useState } from 'preact/hooks'
import { useConfirm } from '../components/confirm.tsx'
import { SelectField, TextField } from '../components/field.tsx'
import { FormError } from '../components/form-error.tsx'
import { RowEditor } from '../components/row-editor.tsx'
import { DataTable } from '../components/data-table.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { client, type Res } from '../lib/client.ts'
import { formatDateTime } from '../lib/format.ts'
import { s, strings } from '../lib/strings.ts'
import type { LocalizedText } from '../../server/domain/text.ts'
import { wholeScopeInSentence } from '../../server/domain/whole-scope.ts'
import { KIOSK_STATUS_TEXT } from '../../server/domain/vocabulary.ts'

type Kiosk = Res<typeof client.api.v1.kiosks.$get>['kiosks'][number]
type Pairing = Res<typeof client.api.v1.kiosks.$post>['pairing']
type AgencyDesks = Res<typeof client.api.v1.admin.agencies.$get>
type Delays = Res<typeof client.api.v1.kiosks.settings.$get>

const text = {
  title: s('Máy tính bảng tại quầy', 'Desk tablets'),
  desk: s('Quầy', 'Desk'),
  tabletName: s('Tên máy', 'Tablet name'),
  add: s('Thêm máy tính bảng', 'Add a tablet'),
  create: s('Tạo và lấy mã ghép nối', 'Create and get a pairing code'),
  pairing: s('Ghép nối', 'Pairing'),
  pairingHow: s(
    'Mở đường dẫn này trên máy tính bảng (hoặc quét mã QR) trong vòng 15 phút; mã chỉ dùng được một lần.',
    'Open this link on the tablet (or scan the QR code) within 15 minutes; the code works once.',
  ),
  pairingQr: s('Mã QR ghép nối', 'Pairing QR code'),
  expires: s('Hết hạn lúc', 'Expires at'),
  fleet: s('Tình trạng các máy', 'Fleet status'),
  tablet: s('Máy', 'Tablet'),
  status: s('Trạng thái', 'Status'),
  lastSeen: s('Liên lạc lần cuối', 'Last seen'),
  unsent: s('Chưa gửi', 'Unsent'),
  lastRating: s('Đánh giá gần nhất', 'Last rating'),
  actions: s('Thao tác', 'Actions'),
  newPairing: s('Mã ghép nối mới', 'New pairing code'),
  revokeMore: s('Thu hồi…', 'Revoke…'),
  revokeTitle: (name: string) => s(`Thu hồi ${name}?`, `Revoke ${name}?`),
  revokeConsequence: (desk: string, agency: string) =>
    s(
      `Máy tại ${desk} (${agency}) sẽ hiện "Máy chưa được ghép nối" và không nhận đánh giá mới; những đánh giá máy đã lưu trước lúc này vẫn được gửi và tính. Muốn dùng lại phải tạo máy mới và ghép nối lại.`,
      `The tablet at ${desk} (${agency}) will show "not paired" and take no new ratings; what it stored before now is still sent and counted. To use it again, create a new tablet and pair it.`,
    ),
  revoke: s('Thu hồi máy', 'Revoke the tablet'),
  renameMove: s('Đổi tên, chuyển quầy', 'Rename, move'),
  delays: s('Thời gian chờ của máy tính bảng', 'Tablet delays'),
  delaysNote: (w: LocalizedText) =>
    s(`Áp dụng cho mọi máy trên ${w.vi}, từ lần liên lạc kế tiếp (tối đa một phút).`, `For every tablet across the ${w.en}, from its next heartbeat (within a minute).`),
  saveDelays: s('Lưu thời gian chờ', 'Save the delays'),
  delaysSaved: s('Đã lưu. Các máy sẽ dùng thời gian mới từ lần liên lạc kế tiếp.', 'Saved. The tablets use the new delays from their next heartbeat.'),
}
// The fleet list says what "silent" means (the live page has no room for it).
const statusText = { ...KIOSK_STATUS_TEXT, silent: s('Im lặng quá 10 phút trong giờ làm việc', 'Silent for over 10 minutes in opening hours') }
const delayLabels: Record<keyof Delays, ReturnType<typeof s>> = {
  resetDelayMs: s('Về màn hình đầu sau lời cảm ơn (giây)', 'Back to the start after the thank-you (seconds)'),
  idleTimeoutMs: s('Bỏ dở, không gửi, khi không chạm trong (giây)', 'Abandon, sending nothing, after no touch for (seconds)'),
  repeatIntervalMs: s('Không nhận đánh giá thứ hai trong vòng (giây)', 'Ignore a second rating within (seconds)'),
}

/** The desks a tablet may be put at, "Agency — Desk"; `keep` stays listed though inactive (where it is now). */
function deskOptions(desks: AgencyDesks | null, keep?: number) {
  return desks?.agencies.flatMap((a) =>
    a.desks
      .filter((d) => d.active || d.id === keep)
      .map((d) => (
        <option value={String(d.id)} key={d.id}>
          {a.name} — {d.name}
        </option>
      )),
  )
}

/** The desk tablets: fleet status at a glance, pairing a new one with a QR code, renaming and revoking. */
export function AdminKiosksPage() {
  const { lang, auth, tr } = useApp()
  const list = useGet(client.api.v1.kiosks)
  const desks = useGet(client.api.v1.admin.agencies)
  const action = useAction()
  const confirm = useConfirm()
  const [form, setForm] = useState({ deskId: '', name: '' })
  const [pairing, setPairing] = useState<(Pairing & { name: string }) | null>(null)
  const canEdit = auth?.user.role !== 'viewer'
  const time = (iso: string | null) => (iso ? formatDateTime(iso, lang, auth?.timeZone) : '—')
  const create = async (e: Event) => {
    e.preventDefault()
    const r = await action.call((c) => c.api.v1.kiosks.$post({ json: { deskId: Number(form.deskId), name: form.name } }))
    if (r) {
      setPairing({ ...r.pairing, name: form.name })
      list.reload()
    }
  }
  const revoke = async (k: Kiosk) => {
    const ok = await confirm.ask({ title: tr(text.revokeTitle(k.name)), consequence: tr(text.revokeConsequence(k.desk.name, k.agency.name)), confirm: tr(text.revoke) })
    if (ok && (await action.call((c) => c.api.v1.kiosks[':id'].revoke.$post({ param: { id: String(k.id) } })))) list.reload()
  }
  const renew = async (k: Kiosk) => {
    const r = await action.call((c) => c.api.v1.kiosks[':id'].pairing.$post({ param: { id: String(k.id) } }))
    if (r) setPairing({ ...r.pairing, name: k.name })
  }
  return (
    <>
      <h1>{tr(text.title)}</h1>
      {confirm.element}
      <FormError error={action.error} labels={{ deskId: tr(text.desk), name: tr(text.tabletName) }} />
      {canEdit ? (
        <section class="card">
          <h2>{tr(text.add)}</h2>
          <form class="filters" onSubmit={create}>
            <SelectField id="k-desk" name="deskId" error={action.error} label={tr(text.desk)} value={form.deskId} onValue={(deskId) => setForm({ ...form, deskId })}>
              <option value="">—</option>
              {deskOptions(desks.data)}
            </SelectField>
            <TextField id="k-name" name="name" error={action.error} label={tr(text.tabletName)} value={form.name} onValue={(name) => setForm({ ...form, name })} />
            <button type="submit">{tr(text.create)}</button>
          </form>
        </section>
      ) : null}
      {pairing ? (
        <section class="card pairing" aria-live="polite">
          <h2>
            {tr(text.pairing)} {pairing.name}
          </h2>
          <p>{tr(text.pairingHow)}</p>
          <div class="qr" role="img" aria-label={tr(text.pairingQr)} dangerouslySetInnerHTML={{ __html: pairing.qrSvg }} />
          <p>
            <code class="link-text">{pairing.url}</code>
          </p>
          <p class="muted">
            {tr(text.expires)} {time(pairing.expiresAt)}
          </p>
        </section>
      ) : null}
      <KioskDelays />
      <DataTable caption={tr(text.fleet)} columns={[tr(text.tablet), tr(text.desk), tr(text.status), tr(text.lastSeen), tr(text.unsent), tr(text.lastRating), tr(text.actions)]}>
        {list.data?.kiosks.map((k) => (
          <tr key={k.id} class={k.status === 'silent' ? 'attention' : ''}>
            <th scope="row">{k.name}</th>
            <td>
              {k.agency.name} — {k.desk.name}
            </td>
            <td>{tr(statusText[k.status])}</td>
            <td>{time(k.lastSeenAt)}</td>
            <td class="num">{k.queueLength ?? '—'}</td>
            <td>{time(k.lastSubmissionAt)}</td>
            <td class="row-actions">
              {canEdit && k.status !== 'revoked' ? (
                <>
                  <button type="button" class="secondary small" onClick={() => renew(k)}>
                    {tr(text.newPairing)}
                  </button>
                  <KioskEditor kiosk={k} desks={desks.data} onDone={() => list.reload()} />
                  <button type="button" class="secondary small" onClick={() => void revoke(k)}>
                    {tr(text.revokeMore)}
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
  const { tr } = useApp()
  const [open, setOpen] = useState(false)
  const [name, setName] = useState(kiosk.name)
  const [deskId, setDeskId] = useState(String(kiosk.desk.id))
  const action = useAction()
  const id = `kiosk-${kiosk.id}`
  const save = async (e: Event) => {
    e.preventDefault()
    const change = { ...(name !== kiosk.name ? { name } : {}), ...(Number(deskId) !== kiosk.desk.id ? { deskId: Number(deskId) } : {}) }
    if (Object.keys(change).length && !(await action.call((c) => c.api.v1.kiosks[':id'].$patch({ param: { id: String(kiosk.id) }, json: change })))) return
    setOpen(false)
    onDone()
  }
  return (
    <RowEditor id={id} label={tr(text.renameMove)} open={open} setOpen={setOpen} onSubmit={save} action={action} labels={{ name: tr(text.tabletName), deskId: tr(text.desk) }}>
      <TextField id={`${id}-name`} name="name" error={action.error} label={tr(text.tabletName)} value={name} onValue={setName} />
      <SelectField id={`${id}-desk`} name="deskId" error={action.error} label={tr(text.desk)} value={deskId} onValue={setDeskId}>
        {deskOptions(desks, kiosk.desk.id)}
      </SelectField>
    </RowEditor>
  )
}

/** The tablets' delays, in seconds: one setting for the whole deployment, changed by admins, picked up at the next heartbeat. */
function KioskDelays() {
  const { auth, tr } = useApp()
  const current = useGet(client.api.v1.kiosks.settings)
  const meta = useGet(client.api.v1.dashboard.meta)
  const action = useAction()
  const [edit, setEdit] = useState<Record<keyof Delays, string> | null>(null)
  const [saved, setSaved] = useState(false)
  const isAdmin = auth?.user.role === 'admin'
  const keys = Object.keys(delayLabels) as Array<keyof Delays>
  const labels = Object.fromEntries(keys.map((k) => [k, tr(delayLabels[k])]))
  if (!current.data) return null
  const values = edit ?? (Object.fromEntries(Object.entries(current.data).map(([k, v]) => [k, String(v / 1000)])) as Record<keyof Delays, string>)
  const save = async (e: Event) => {
    e.preventDefault()
    setSaved(false)
    const ms = (k: keyof Delays) => Math.round(Number(values[k].replace(',', '.')) * 1000)
    if (
      await action.call((c) =>
        c.api.v1.kiosks.settings.$put({ json: { resetDelayMs: ms('resetDelayMs'), idleTimeoutMs: ms('idleTimeoutMs'), repeatIntervalMs: ms('repeatIntervalMs') } }),
      )
    ) {
      setEdit(null)
      setSaved(true)
      current.reload()
    }
  }
  return (
    <section class="card">
      <h2>{tr(text.delays)}</h2>
      <p class="muted">{tr(text.delaysNote(wholeScopeInSentence(strings.wholeScope(meta.data))))}</p>
      <form class="filters" onSubmit={save}>
        {keys.map((k) => (
          <TextField
            key={k}
            id={`kd-${k}`}
            name={k}
            error={action.error}
            label={labels[k]}
            inputMode="decimal"
            value={values[k]}
            disabled={!isAdmin}
            onValue={(v) => setEdit({ ...values, [k]: v })}
          />
        ))}
        {isAdmin ? (
          <button type="submit" disabled={action.busy}>
            {tr(text.saveDelays)}
          </button>
        ) : null}
      </form>
      {saved ? <p role="status">{tr(text.delaysSaved)}</p> : null}
      <FormError error={action.error} labels={labels} />
    </section>
  )
}
