import { useState } from 'preact/hooks'
import { AGENCY_KIND_TEXT, type AgencyKind } from '../../server/domain/vocabulary.ts'
import { AgencySelect } from '../components/agency-select.tsx'
import { useConfirm } from '../components/confirm.tsx'
import { DataTable, StatusCell } from '../components/data-table.tsx'
import { SelectField, TextField } from '../components/field.tsx'
import { FormError } from '../components/form-error.tsx'
import { RowEditor } from '../components/row-editor.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { client, type Res } from '../lib/client.ts'
import { s, strings } from '../lib/strings.ts'

type AgencyRow = Res<typeof client.api.v1.admin.agencies.$get>['agencies'][number]
type DeskRow = AgencyRow['desks'][number]

const text = {
  title: s('Cơ quan và quầy', 'Agencies and desks'),
  addAgency: s('Thêm cơ quan', 'Add an agency'),
  code: s('Mã', 'Code'),
  codeHint: s('chữ không dấu, số, "-" và "_"; ví dụ SNV, MC-01', 'letters without accents, digits, "-" and "_"; e.g. SNV, MC-01'),
  name: s('Tên', 'Name'),
  parentAgency: s('Cơ quan cấp trên', 'Parent agency'),
  noParent: s('Không có (cấp cao nhất)', 'None (top level)'),
  kind: s('Loại', 'Kind'),
  add: s('Thêm', 'Add'),
  mergeAgencies: s('Sáp nhập cơ quan', 'Merge agencies'),
  mergeAgency: s('Sáp nhập cơ quan', 'Merge agency'),
  intoAgency: s('vào cơ quan', 'into agency'),
  mergeButton: s('Sáp nhập…', 'Merge…'),
  mergeTitle: (from: string, into: string) => s(`Sáp nhập ${from} vào ${into}?`, `Merge ${from} into ${into}?`),
  mergeConsequence: (from: string, into: string) =>
    s(
      `Số liệu đã có của ${from} vẫn giữ dưới tên ${from}; các quầy của ${from} và mọi đánh giá mới chuyển sang ${into}. ${from} ngừng hoạt động. Không hoàn tác được.`,
      `${from}'s history stays under ${from}; its desks and every new answer go to ${into}. ${from} becomes inactive. This cannot be undone.`,
    ),
  merge: s('Sáp nhập', 'Merge'),
  exportCsv: s('Tải danh sách cơ quan (CSV)', 'Download agencies (CSV)'),
  deactivateTitle: (name: string) => s(`Ngừng hoạt động ${name}?`, `Deactivate ${name}?`),
  deactivateConsequence: s(
    'Cơ quan không còn trong danh sách chọn và bảng điều khiển; số liệu đã có vẫn giữ nguyên. Có thể kích hoạt lại.',
    'The agency leaves the pick-lists and the dashboard; its figures stay. It can be re-activated.',
  ),
  deactivate: s('Ngừng hoạt động', 'Deactivate'),
  addDesk: s('Thêm quầy', 'Add a desk'),
  addDeskButton: s('Thêm quầy', 'Add desk'),
  agency: strings.agency,
  deskCode: s('Mã quầy', 'Desk code'),
  deskName: s('Tên quầy', 'Desk name'),
  agencies: s('Danh sách cơ quan', 'Agencies'),
  parent: s('Cấp trên', 'Parent'),
  desks: s('Quầy', 'Desks'),
  status: s('Trạng thái', 'Status'),
  mergedInto: s('đã sáp nhập vào', 'merged into'),
  active: s('đang hoạt động', 'active'),
  inactive: s('ngừng', 'inactive'),
  deactivateMore: s('Ngừng…', 'Deactivate…'),
  activate: s('Kích hoạt', 'Activate'),
  deskTitle: (name: string) => s(`Ngừng quầy ${name}?`, `Deactivate ${name}?`),
  deskConsequence: (agency: string) =>
    s(
      `Mã QR dán tại quầy sẽ báo "Quầy này đã ngừng nhận đánh giá" và không nhận đánh giá mới; số liệu đã có của ${agency} vẫn giữ nguyên. Có thể mở lại.`,
      `The desk's QR poster will say "This desk no longer takes ratings" and take no new answers; ${agency}'s figures stay. It can be re-activated.`,
    ),
  deactivateDesk: s('Ngừng quầy', 'Deactivate the desk'),
  deskInactive: s('đã ngừng', 'inactive'),
  poster: s('áp phích QR', 'QR poster'),
  edit: s('Sửa', 'Edit'),
  reactivate: s('Mở lại', 'Re-activate'),
  surveyFor: s('Phiếu cho', 'Survey for'),
  defaultSurvey: s('Mặc định (Đánh giá nhanh Một cửa mới nhất)', 'Default (newest one-stop quick rating)'),
  version: s('phiên bản', 'version'),
  kioskSurvey: s('Phiếu cho máy tính bảng', 'Survey on the tablet'),
  qrSurvey: s('Phiếu cho mã QR', 'Survey for the QR code'),
  receiptSurvey: s('Phiếu cho mã trên giấy hẹn', 'Survey for receipt codes'),
}
const KIND_ORDER: AgencyKind[] = ['department', 'commune', 'province', 'other']

/** Agencies and their desks: pick-lists instead of typed codes, every change in place, destructive ones confirmed. */
export function AdminAgenciesPage() {
  const { auth, tr } = useApp()
  const list = useGet(client.api.v1.admin.agencies)
  const isAdmin = auth?.user.role === 'admin'
  const names = new Map((list.data?.agencies ?? []).map((a) => [a.code, a.name]))
  const pickable = (list.data?.agencies ?? []).filter((a) => a.active && !a.mergedInto)
  const confirm = useConfirm()
  const add = useAction()
  const merging = useAction()
  const addDesk = useAction()
  const row = useAction()
  const [form, setForm] = useState({ code: '', name: '', parent: '', kind: 'department' as AgencyKind })
  const [desk, setDesk] = useState({ agency: '', code: '', name: '' })
  const [merge, setMerge] = useState({ from: '', into: '' })
  const done = (r: unknown) => r && list.reload()
  const doMerge = async () => {
    const from = names.get(merge.from) ?? merge.from
    const into = names.get(merge.into) ?? merge.into
    const ok = await confirm.ask({ title: tr(text.mergeTitle(from, into)), consequence: tr(text.mergeConsequence(from, into)), confirm: tr(text.merge) })
    if (ok) done(await merging.call((c) => c.api.v1.admin.agencies[':code'].merge.$post({ param: { code: merge.from }, json: { into: merge.into } })))
  }
  const toggleAgency = async (a: AgencyRow) => {
    if (a.active && !(await confirm.ask({ title: tr(text.deactivateTitle(a.name)), consequence: tr(text.deactivateConsequence), confirm: tr(text.deactivate) }))) return
    done(await row.call((c) => c.api.v1.admin.agencies[':code'].active.$post({ param: { code: a.code }, json: { active: !a.active } })))
  }
  const status = (a: AgencyRow) => (a.mergedInto ? `${tr(text.mergedInto)} ${names.get(a.mergedInto) ?? a.mergedInto}` : tr(a.active ? text.active : text.inactive))
  return (
    <>
      <h1>{tr(text.title)}</h1>
      {confirm.element}
      {isAdmin ? (
        <section class="card">
          <h2>{tr(text.addAgency)}</h2>
          <form
            class="filters"
            onSubmit={async (e) => (e.preventDefault(), done(await add.call((c) => c.api.v1.admin.agencies.$post({ json: { ...form, parent: form.parent || null } }))))}
          >
            <TextField id="a-code" name="code" error={add.error} label={tr(text.code)} hint={tr(text.codeHint)} value={form.code} onValue={(code) => setForm({ ...form, code })} />
            <TextField id="a-name" name="name" error={add.error} label={tr(text.name)} value={form.name} onValue={(name) => setForm({ ...form, name })} />
            <AgencySelect
              options={pickable}
              id="a-parent"
              label={tr(text.parentAgency)}
              value={form.parent}
              empty={tr(text.noParent)}
              onChange={(parent) => setForm({ ...form, parent })}
            />
            <SelectField id="a-kind" name="kind" error={add.error} label={tr(text.kind)} value={form.kind} onValue={(kind) => setForm({ ...form, kind: kind as AgencyKind })}>
              {KIND_ORDER.map((k) => (
                <option value={k} key={k}>
                  {tr(AGENCY_KIND_TEXT[k])}
                </option>
              ))}
            </SelectField>
            <button type="submit" disabled={add.busy}>
              {tr(text.add)}
            </button>
          </form>
          <FormError error={add.error} labels={{ code: tr(text.code), name: tr(text.name), parent: tr(text.parentAgency) }} />
          <h2>{tr(text.mergeAgencies)}</h2>
          <form class="filters" onSubmit={(e) => (e.preventDefault(), void doMerge())}>
            <AgencySelect options={pickable} id="m-from" label={tr(text.mergeAgency)} value={merge.from} onChange={(from) => setMerge({ ...merge, from })} />
            <AgencySelect options={pickable} id="m-into" label={tr(text.intoAgency)} value={merge.into} exclude={merge.from} onChange={(into) => setMerge({ ...merge, into })} />
            <button type="submit" class="danger" disabled={!merge.from || !merge.into}>
              {tr(text.mergeButton)}
            </button>
          </form>
          <FormError error={merging.error} labels={{ into: tr(text.intoAgency) }} />
          <p>
            <a href="/api/v1/admin/agencies/export.csv" download>
              {tr(text.exportCsv)}
            </a>
          </p>
        </section>
      ) : null}
      <section class="card">
        <h2>{tr(text.addDesk)}</h2>
        <form class="filters" onSubmit={async (e) => (e.preventDefault(), done(await addDesk.call((c) => c.api.v1.admin.desks.$post({ json: desk }))))}>
          <AgencySelect options={pickable} id="d-agency" label={tr(text.agency)} value={desk.agency} onChange={(agency) => setDesk({ ...desk, agency })} />
          <TextField
            id="d-code"
            name="code"
            error={addDesk.error}
            label={tr(text.deskCode)}
            hint={tr(text.codeHint)}
            value={desk.code}
            onValue={(code) => setDesk({ ...desk, code })}
          />
          <TextField id="d-name" name="name" error={addDesk.error} label={tr(text.deskName)} value={desk.name} onValue={(name) => setDesk({ ...desk, name })} />
          <button type="submit">{tr(text.addDeskButton)}</button>
        </form>
        <FormError error={addDesk.error} labels={{ agency: tr(text.agency), code: tr(text.deskCode), name: tr(text.deskName) }} />
      </section>
      <FormError error={row.error} />
      <DataTable caption={tr(text.agencies)} columns={[tr(text.name), tr(text.code), tr(text.parent), tr(text.desks), tr(text.status)]}>
        {list.data?.agencies.map((a) => (
          <tr key={a.code}>
            <th scope="row">{a.name}</th>
            <td>{a.code}</td>
            <td>{a.parent ? (names.get(a.parent) ?? a.parent) : '—'}</td>
            <td>
              <ul class="plain desk-list">
                {a.desks.map((d) => (
                  <li key={d.id}>
                    <DeskEditor desk={d} agency={a} confirm={confirm.ask} onDone={() => list.reload()} />
                  </li>
                ))}
              </ul>
            </td>
            <StatusCell
              status={status(a)}
              change={isAdmin && !a.mergedInto ? { label: tr(a.active ? text.deactivateMore : text.activate), run: () => void toggleAgency(a) } : null}
            />
          </tr>
        ))}
      </DataTable>
    </>
  )
}

const channels = [
  { id: 'kiosk', label: s('Máy tính bảng', 'Tablet') },
  { id: 'qr', label: s('Mã QR tại quầy', 'Desk QR code') },
  { id: 'receipt', label: s('Mã trên giấy hẹn', 'Receipt code') },
] as const

/** One desk: its name, poster, and an editor for renaming, (de)activating and the survey used per channel. */
function DeskEditor({ desk, agency, confirm, onDone }: { desk: DeskRow; agency: AgencyRow; confirm: ReturnType<typeof useConfirm>['ask']; onDone(): void }) {
  const { lang, tr } = useApp()
  const [open, setOpen] = useState(false)
  const [name, setName] = useState(desk.name)
  const [surveys, setSurveys] = useState<Record<string, string>>({ kiosk: desk.surveys.kiosk ?? '', qr: desk.surveys.qr ?? '', receipt: desk.surveys.receipt ?? '' })
  const published = useGet(open ? client.api.v1.surveys : null)
  const meta = useGet(open ? client.api.v1.dashboard.meta : null)
  const titles = new Map((meta.data?.instruments ?? []).map((i) => [i.id, i.title[lang]]))
  const action = useAction()
  const id = `desk-${desk.id}`
  const param = { id: String(desk.id) }
  const save = async (e: Event) => {
    e.preventDefault()
    if (name !== desk.name && !(await action.call((c) => c.api.v1.admin.desks[':id{[0-9]+}'].$patch({ param, json: { name } })))) return
    const changed = Object.fromEntries(channels.filter((c) => surveys[c.id] !== (desk.surveys[c.id] ?? '')).map((c) => [c.id, surveys[c.id] || null]))
    if (Object.keys(changed).length && !(await action.call((c) => c.api.v1.admin.desks[':id{[0-9]+}'].surveys.$put({ param, json: changed })))) return
    setOpen(false)
    onDone()
  }
  const toggle = async () => {
    if (desk.active && !(await confirm({ title: tr(text.deskTitle(desk.name)), consequence: tr(text.deskConsequence(agency.name)), confirm: tr(text.deactivateDesk) }))) return
    ;(await action.call((c) => c.api.v1.admin.desks[':id{[0-9]+}'].$patch({ param, json: { active: !desk.active } }))) && onDone()
  }
  return (
    <div class="desk-row">
      <span>
        <strong>{desk.name}</strong> ({desk.code}){desk.active ? '' : ` — ${tr(text.deskInactive)}`}
      </span>{' '}
      <a href={`/desks/${desk.id}/poster`}>{tr(text.poster)}</a>{' '}
      <RowEditor
        id={id}
        label={tr(text.edit)}
        open={open}
        setOpen={setOpen}
        onSubmit={save}
        action={action}
        labels={{ name: tr(text.deskName), kiosk: tr(text.kioskSurvey), qr: tr(text.qrSurvey), receipt: tr(text.receiptSurvey) }}
        between={
          <>
            {' '}
            <button type="button" class="secondary small" onClick={() => void toggle()}>
              {tr(desk.active ? text.deactivateMore : text.reactivate)}
            </button>
          </>
        }
      >
        <TextField id={`${id}-name`} name="name" error={action.error} label={tr(text.deskName)} value={name} onValue={setName} />
        {channels.map((c) => (
          <SelectField
            key={c.id}
            id={`${id}-${c.id}`}
            name={c.id}
            error={action.error}
            label={
              <>
                {tr(text.surveyFor)} {tr(c.label).toLowerCase()}
              </>
            }
            value={surveys[c.id] ?? ''}
            onValue={(key) => setSurveys({ ...surveys, [c.id]: key })}
          >
            <option value="">{tr(text.defaultSurvey)}</option>
            {(published.data?.surveys ?? [])
              .filter((v) => v.status === 'published' || v.key === surveys[c.id])
              .map((v) => (
                <option value={v.key} key={v.key}>
                  {titles.get(v.instrument) ?? v.instrument} — {tr(text.version)} {v.version}
                </option>
              ))}
          </SelectField>
        ))}
      </RowEditor>
    </div>
  )
}
