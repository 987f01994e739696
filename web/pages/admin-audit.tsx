import { useState } from 'preact/hooks'
import { AgencySelect } from '../components/agency-select.tsx'
import { DataTable } from '../components/data-table.tsx'
import { SelectField, TextField } from '../components/field.tsx'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { actionText, actorText, detailsText, familyText, targetText } from '../lib/audit-text.ts'
import { client } from '../lib/client.ts'
import { formatDateTime } from '../lib/format.ts'
import { s, strings } from '../lib/strings.ts'
import { LoadError } from '../components/load-error.tsx'

const text = {
  title: s('Nhật ký kiểm toán', 'Audit log'),
  intact: (n: number) => s(`Chuỗi băm nguyên vẹn (${n} mục): không mục nào bị sửa hay xóa.`, `Hash chain intact (${n} entries): no entry was altered or removed.`),
  broken: (at: number | undefined, reason: string | undefined) => s(`Chuỗi băm bị sửa tại mục ${at}: ${reason}`, `Hash chain broken at entry ${at}: ${reason}`),
  filter: s('Lọc nhật ký', 'Filter the log'),
  who: s('Người thực hiện', 'Who'),
  anyone: s('Tất cả', 'Anyone'),
  action: s('Hành động', 'Action'),
  any: s('Tất cả', 'Any'),
  agency: s('Cơ quan', 'Agency'),
  from: s('Từ ngày', 'From'),
  to: s('Đến ngày', 'To'),
  caption: (total: number, page: number, pages: number) => s(`${total} mục — trang ${page}/${pages}`, `${total} entries — page ${page} of ${pages}`),
  time: s('Thời điểm', 'Time'),
  on: s('Đối tượng', 'On'),
  details: s('Chi tiết', 'Details'),
  number: s('Số thứ tự', 'No.'),
  pages: s('Trang', 'Pages'),
  newer: s('← Mới hơn', '← Newer'),
  older: s('Cũ hơn →', 'Older →'),
}

const PAGE = 50
/** Local days in the deployment's time zone (UTC+7, no daylight saving). */
const dayStart = (d: string) => `${d}T00:00:00+07:00`
const nextDay = (d: string) => new Date(new Date(`${d}T00:00:00+07:00`).getTime() + 86_400_000).toISOString()
const orNone = (v: string) => v || undefined

/** The audit log in words: who did what to which agency and when, filtered and paged back to the first entry. */
export function AdminAuditPage() {
  const { lang, auth, tr } = useApp()
  const [f, setF] = useState({ actor: '', action: '', agency: '', from: '', to: '' })
  const [page, setPage] = useState(0)
  const query = {
    limit: String(PAGE),
    offset: String(page * PAGE),
    actor: orNone(f.actor),
    action: orNone(f.action),
    agency: orNone(f.agency),
    from: f.from ? dayStart(f.from) : undefined,
    to: f.to ? nextDay(f.to) : undefined,
  }
  const log = useGet(client.api.v1.admin.audit, { query })
  const meta = useGet(client.api.v1.dashboard.meta)
  const names = {
    agencies: new Map((meta.data?.agencies ?? []).map((a) => [a.code, a.name])),
    surveys: new Map((meta.data?.instruments ?? []).map((i) => [i.id, i.title[lang]])),
  }
  const set = (patch: Partial<typeof f>) => (setF({ ...f, ...patch }), setPage(0))
  if (log.error) return <LoadError error={log.error} />
  const data = log.data
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1
  const families = [...new Set((data?.facets.actions ?? []).map((a) => a.split('.')[0]!))]
  return (
    <>
      <h1>{tr(text.title)}</h1>
      {data ? (
        <p role="status" class={data.chain.ok ? '' : 'form-error'}>
          {tr(data.chain.ok ? text.intact(data.chain.entries) : text.broken(data.chain.brokenAt, data.chain.reason))}
        </p>
      ) : null}
      <form class="filters" role="search" aria-label={tr(text.filter)} onSubmit={(e) => e.preventDefault()}>
        <SelectField id="au-actor" label={tr(text.who)} value={f.actor} onValue={(actor) => set({ actor })}>
          <option value="">{tr(text.anyone)}</option>
          {data?.facets.actors.map((a) => (
            <option value={a} key={a}>
              {actorText(a, lang)}
            </option>
          ))}
        </SelectField>
        <SelectField id="au-action" label={tr(text.action)} value={f.action} onValue={(action) => set({ action })}>
          <option value="">{tr(text.any)}</option>
          {families.map((fam) => (
            <optgroup key={fam} label={familyText(fam, lang)}>
              {data!.facets.actions
                .filter((a) => a.split('.')[0] === fam)
                .map((a) => (
                  <option value={a} key={a}>
                    {actionText(a, lang)}
                  </option>
                ))}
            </optgroup>
          ))}
        </SelectField>
        <AgencySelect id="au-agency" label={tr(text.agency)} value={f.agency} empty={tr(text.any)} onChange={(agency) => set({ agency })} />
        <TextField id="au-from" type="date" label={tr(text.from)} value={f.from} onValue={(from) => set({ from })} />
        <TextField id="au-to" type="date" label={tr(text.to)} value={f.to} onValue={(to) => set({ to })} />
      </form>
      {!data ? (
        <p aria-busy="true">…</p>
      ) : (
        <>
          <DataTable
            caption={tr(text.caption(data.total, page + 1, pages))}
            columns={[tr(text.time), tr(text.who), tr(text.action), tr(text.on), tr(text.details), tr(text.number)]}
          >
            {data.entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at, lang, auth?.timeZone)}</td>
                <td>{actorText(e.actor, lang)}</td>
                <th scope="row">{actionText(e.action, lang)}</th>
                <td>{targetText(e.target, lang, names)}</td>
                <td>{detailsText(e.details, lang, strings.wholeScope(meta.data))}</td>
                <td class="num">{e.id}</td>
              </tr>
            ))}
          </DataTable>
          <nav class="actions-row" aria-label={tr(text.pages)}>
            <button type="button" class="secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
              {tr(text.newer)}
            </button>
            <button type="button" class="secondary" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
              {tr(text.older)}
            </button>
          </nav>
        </>
      )}
    </>
  )
}
