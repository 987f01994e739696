import { RefusedPage } from '../components/load-error.tsx'
import { useState } from 'preact/hooks'
import { useLocation } from 'preact-iso'
import '../builder/builder.css'
import type { LocalizedText } from '../../server/domain/text.ts'
import type { SurveyStatus } from '../../server/domain/vocabulary.ts'
import { useConfirm } from '../components/confirm.tsx'
import { FileField, SelectField, TextField } from '../components/field.tsx'
import { FormError } from '../components/form-error.tsx'
import { DataTable } from '../components/data-table.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { client, type Req, type Res } from '../lib/client.ts'
import type { Lang } from '../lib/i18n.ts'
import { s, strings } from '../lib/strings.ts'

/** The stored definition travels as parsed JSON (untyped); the page reads only its title and version. */
type Version = Omit<Res<typeof client.api.v1.admin.surveys.$get>['versions'][number], 'definition'> & {
  definition: Record<string, unknown> & { title: LocalizedText; version: number }
}
type NewDraft = Req<typeof client.api.v1.admin.surveys.$post>['json']

const text = {
  title: s('Phiếu khảo sát và phiên bản', 'Surveys and versions'),
  version: s('phiên bản', 'version'),
  published: (name: string) =>
    s(
      `Đã ban hành ${name}. Gán phiên bản này cho quầy ở dưới để máy tại quầy và mã QR dùng nó.`,
      `${name} is published. Give it to desks below so their tablets and QR codes use it.`,
    ),
  versions: s('Các phiên bản', 'Versions'),
  versionColumn: s('Phiên bản', 'Version'),
  status: s('Trạng thái', 'Status'),
  copiedFrom: s('Sao chép từ', 'Copied from'),
  responses: strings.responses,
  actions: s('Thao tác', 'Actions'),
  edit: s('Soạn tiếp, ban hành', 'Edit, publish'),
  copy: s('Tạo phiên bản mới từ đây', 'New version from this'),
  retire: s('Ngừng dùng', 'Retire'),
  retireTitle: (name: string) => s(`Ngừng dùng ${name}?`, `Retire ${name}?`),
  retireConsequence: s(
    'Quầy, máy tính bảng và mã giấy hẹn không dùng phiên bản này cho phiếu mới nữa; các câu trả lời đã có vẫn được tính trong báo cáo. Không ban hành lại được.',
    'Desks, tablets and receipt codes stop using this version for new answers; answers already given still count in the reports. It cannot be published again.',
  ),
  fromJson: s('Tạo bản nháp từ tệp JSON', 'A draft from a JSON file'),
  chooseJson: s('Chọn một tệp JSON trước', 'Choose a JSON file first'),
  jsonFile: s('Tệp JSON', 'JSON file'),
  notJson: s('Tệp không phải JSON của một phiếu', 'The file is not a survey JSON'),
  surveyId: s('Mã phiếu', 'Survey id'),
  createDraft: s('Tạo bản nháp', 'Create draft'),
  assign: s('Gán phiên bản cho quầy', 'Give a version to a desk'),
  desk: s('Quầy', 'Desk'),
  chooseDesk: s('— chọn quầy —', '— choose a desk —'),
  channel: strings.channel,
  giveToDesk: s('Gán cho quầy', 'Give to desk'),
  assigned: (desk: string, channel: LocalizedText, version: string) =>
    s(`${desk}: ${channel.vi.toLowerCase()} dùng ${version}`, `${desk}: ${channel.en.toLowerCase()} uses ${version}`),
}
// English shows the status as the API names it, as it always has.
const statusText: Record<SurveyStatus, LocalizedText> = { draft: s('Nháp', 'draft'), published: s('Đã ban hành', 'published'), retired: s('Ngừng dùng', 'retired') }
const channels = { kiosk: s('Máy tại quầy', 'Desk tablet'), qr: s('Mã QR tại quầy', 'Desk QR code'), receipt: s('Mã trên giấy hẹn', 'Receipt code') }

/** A version as staff name it: the questionnaire's title and the version number, never its key. */
const nameOf = (v: Version | undefined, lang: Lang) => (v ? `${v.definition.title?.[lang] || v.instrument} — ${text.version[lang]} ${v.version}` : '—')

/**
 * Survey versions: a new version starts as a copy of a published one and is written in the builder, then
 * published (immutable from then on), given to desks, and later retired. A JSON file starts a draft too.
 */
export function AdminSurveysPage() {
  const { lang, tr } = useApp()
  const { route, query } = useLocation()
  const list = useGet(client.api.v1.admin.surveys)
  const versions = (list.data?.versions ?? []) as Version[]
  const action = useAction()
  const copy = async (v: Version) => {
    const { instrument: _i, version: _v, ...rest } = v.definition
    const r = await action.call((c) => c.api.v1.admin.surveys.$post({ json: { instrument: v.instrument, definition: rest as NewDraft['definition'], basedOn: v.id } }))
    if (r) route(`/admin/surveys/${r.id}/edit`)
  }
  const confirm = useConfirm()
  const retire = async (v: Version) => {
    const name = `${v.definition.title[lang]} — ${tr(text.version)} ${v.definition.version}`
    const ok = await confirm.ask({ title: tr(text.retireTitle(name)), consequence: tr(text.retireConsequence), confirm: tr(text.retire) })
    if (ok && (await action.call((c) => c.api.v1.admin.surveys[':id'].retire.$post({ param: { id: String(v.id) } })))) list.reload()
  }
  const byKey = new Map(versions.map((v) => [v.key, v]))
  const published = query.published ? nameOf(byKey.get(query.published), lang) : undefined
  if (list.error) return <RefusedPage title={tr(text.title)} error={list.error} />
  return (
    <>
      <h1>{tr(text.title)}</h1>
      {confirm.element}
      {published ? (
        <p class="notice-ok" role="status">
          {tr(text.published(published))}
        </p>
      ) : null}
      <FormError error={action.error} />
      <DataTable caption={tr(text.versions)} columns={[tr(text.versionColumn), tr(text.status), tr(text.copiedFrom), tr(text.responses), tr(text.actions)]}>
        {versions.map((v) => (
          <tr key={v.id}>
            <th scope="row">
              {v.definition.title[lang]} — {tr(text.version)} {v.definition.version}
            </th>
            <td>{tr(statusText[v.status])}</td>
            <td>{v.basedOn ? nameOf(byKey.get(v.basedOn), lang) : '—'}</td>
            <td class="num">{v.responses}</td>
            <td class="row-actions">
              {v.status === 'draft' ? (
                <a class="button small" href={`/admin/surveys/${v.id}/edit`}>
                  {tr(text.edit)}
                </a>
              ) : (
                <button type="button" class="secondary small" disabled={action.busy} onClick={() => copy(v)}>
                  {tr(text.copy)}
                </button>
              )}
              {v.status === 'published' ? (
                <button type="button" class="secondary small" onClick={() => retire(v)}>
                  {tr(text.retire)}
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      <ImportJson onCreated={(id) => route(`/admin/surveys/${id}/edit`)} />
      <AssignToDesk versions={versions.filter((v) => v.status === 'published')} initial={query.published} />
    </>
  )
}

/** A draft from a JSON file (a form from another province, or written by hand). */
function ImportJson({ onCreated }: { onCreated(id: number): void }) {
  const { tr } = useApp()
  const action = useAction()
  const [instrument, setInstrument] = useState('')
  const [fileError, setFileError] = useState('')
  const [definition, setDefinition] = useState<Record<string, unknown> | null>(null)
  const read = async (file: File | undefined) => {
    if (!file) return
    try {
      const parsed = JSON.parse(await file.text()) as Record<string, unknown>
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('object')
      setDefinition(parsed)
      setFileError('')
      if (typeof parsed.instrument === 'string' && !instrument) setInstrument(parsed.instrument)
    } catch {
      setDefinition(null)
      setFileError(tr(text.notJson))
    }
  }
  return (
    <section class="card" aria-labelledby="import-json">
      <h2 id="import-json">{tr(text.fromJson)}</h2>
      <FormError error={action.error} />
      <form
        class="filters"
        onSubmit={async (e) => {
          e.preventDefault()
          if (!definition) return setFileError(tr(text.chooseJson))
          const { instrument: _i, version: _v, ...rest } = definition
          const r = await action.call((c) => c.api.v1.admin.surveys.$post({ json: { instrument, definition: rest as NewDraft['definition'] } }))
          if (r) onCreated(r.id)
        }}
      >
        <FileField id="import-file" label={tr(text.jsonFile)} accept="application/json,.json" reason={fileError} onFile={read} />
        <TextField id="import-instrument" name="instrument" error={action.error} label={tr(text.surveyId)} value={instrument} onValue={(v) => setInstrument(v.trim())} />
        <button type="submit" class="secondary" disabled={action.busy}>
          {tr(text.createDraft)}
        </button>
      </form>
    </section>
  )
}

/** Which published version a desk uses on each channel (kiosk, QR, receipt): the existing assignment API. */
function AssignToDesk({ versions, initial }: { versions: Version[]; initial?: string }) {
  const { lang, tr } = useApp()
  const agencies = useGet(client.api.v1.admin.agencies)
  const action = useAction()
  const [survey, setSurvey] = useState(initial ?? '')
  const [desk, setDesk] = useState('')
  const [channel, setChannel] = useState<keyof typeof channels>('kiosk')
  const [done, setDone] = useState('')
  const chosen = survey || versions.at(-1)?.key || ''
  const desks = (agencies.data?.agencies ?? []).flatMap((a) => a.desks.filter((d) => d.active).map((d) => ({ id: d.id, label: `${a.name} — ${d.name}` })))
  return (
    <section class="card" aria-labelledby="assign">
      <h2 id="assign">{tr(text.assign)}</h2>
      <FormError error={action.error} />
      {done ? (
        <p class="notice-ok" role="status">
          {done}
        </p>
      ) : null}
      <form
        class="assign"
        onSubmit={async (e) => {
          e.preventDefault()
          setDone('')
          const ok = await action.call((c) => c.api.v1.admin.desks[':id{[0-9]+}'].surveys.$put({ param: { id: desk }, json: { [channel]: chosen } }))
          const name = desks.find((d) => String(d.id) === desk)?.label ?? ''
          const version = nameOf(
            versions.find((v) => v.key === chosen),
            lang,
          )
          if (ok) setDone(tr(text.assigned(name, channels[channel], version)))
        }}
      >
        <SelectField id="assign-survey" label={tr(text.versionColumn)} value={chosen} onValue={setSurvey}>
          {versions.map((v) => (
            <option key={v.key} value={v.key}>
              {v.definition.title[lang]} — {tr(text.version)} {v.definition.version}
            </option>
          ))}
        </SelectField>
        <SelectField id="assign-desk" label={tr(text.desk)} value={desk} onValue={setDesk} required>
          <option value="">{tr(text.chooseDesk)}</option>
          {desks.map((d) => (
            <option key={d.id} value={String(d.id)}>
              {d.label}
            </option>
          ))}
        </SelectField>
        <SelectField id="assign-channel" label={tr(text.channel)} value={channel} onValue={(c) => setChannel(c as keyof typeof channels)}>
          {(Object.keys(channels) as Array<keyof typeof channels>).map((c) => (
            <option key={c} value={c}>
              {tr(channels[c])}
            </option>
          ))}
        </SelectField>
        <button type="submit" disabled={action.busy || !desk || !chosen}>
          {tr(text.giveToDesk)}
        </button>
      </form>
    </section>
  )
}
