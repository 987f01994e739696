import { useState } from 'preact/hooks'
import { AgencySelect } from '../components/agency-select.tsx'
import { DataTable } from '../components/data-table.tsx'
import { useApp } from '../hooks/use-auth.ts'
import { useFetch } from '../hooks/use-fetch.ts'
import { actionText, actorText, detailsText, targetText } from '../lib/audit-text.ts'
import type { Meta } from '../lib/report-types.ts'
import { formatDateTime } from '../lib/format.ts'

interface Entry {
  id: number
  at: string
  actor: string
  action: string
  target: string | null
  details: unknown
}
interface AuditPage {
  chain: { ok: boolean; entries: number; brokenAt?: number; reason?: string }
  total: number
  entries: Entry[]
  facets: { actors: string[]; actions: string[] }
}

const PAGE = 50
/** Local days in the province's time zone (UTC+7, no daylight saving). */
const dayStart = (d: string) => `${d}T00:00:00+07:00`
const nextDay = (d: string) => new Date(new Date(`${d}T00:00:00+07:00`).getTime() + 86_400_000).toISOString()

/** The audit log in words: who did what to which agency and when, filtered and paged back to the first entry. */
export function AdminAuditPage() {
  const { lang, auth } = useApp()
  const vi = lang === 'vi'
  const [f, setF] = useState({ actor: '', action: '', agency: '', from: '', to: '' })
  const [page, setPage] = useState(0)
  const query = new URLSearchParams({ limit: String(PAGE), offset: String(page * PAGE) })
  if (f.actor) query.set('actor', f.actor)
  if (f.action) query.set('action', f.action)
  if (f.agency) query.set('agency', f.agency)
  if (f.from) query.set('from', dayStart(f.from))
  if (f.to) query.set('to', nextDay(f.to))
  const log = useFetch<AuditPage>(`/api/v1/admin/audit?${query}`)
  const meta = useFetch<Meta>('/api/v1/dashboard/meta')
  const names = {
    agencies: new Map((meta.data?.agencies ?? []).map((a) => [a.code, a.name])),
    surveys: new Map((meta.data?.instruments ?? []).map((i) => [i.id, i.title[lang]])),
  }
  const set = (patch: Partial<typeof f>) => (setF({ ...f, ...patch }), setPage(0))
  if (log.error)
    return (
      <p class="form-error" role="alert">
        {log.error.body?.error.message[lang]}
      </p>
    )
  const data = log.data
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1
  const families = [...new Set((data?.facets.actions ?? []).map((a) => a.split('.')[0]!))]
  return (
    <>
      <h1>{vi ? 'Nhật ký kiểm toán' : 'Audit log'}</h1>
      {data ? (
        <p role="status" class={data.chain.ok ? '' : 'form-error'}>
          {data.chain.ok
            ? vi
              ? `Chuỗi băm nguyên vẹn (${data.chain.entries} mục): không mục nào bị sửa hay xóa.`
              : `Hash chain intact (${data.chain.entries} entries): no entry was altered or removed.`
            : vi
              ? `Chuỗi băm bị sửa tại mục ${data.chain.brokenAt}: ${data.chain.reason}`
              : `Hash chain broken at entry ${data.chain.brokenAt}: ${data.chain.reason}`}
        </p>
      ) : null}
      <form class="filters" role="search" aria-label={vi ? 'Lọc nhật ký' : 'Filter the log'} onSubmit={(e) => e.preventDefault()}>
        <div class="filter">
          <label for="au-actor">{vi ? 'Người thực hiện' : 'Who'}</label>
          <select id="au-actor" value={f.actor} onChange={(e) => set({ actor: (e.target as HTMLSelectElement).value })}>
            <option value="">{vi ? 'Tất cả' : 'Anyone'}</option>
            {data?.facets.actors.map((a) => (
              <option value={a} key={a}>
                {actorText(a, lang)}
              </option>
            ))}
          </select>
        </div>
        <div class="filter">
          <label for="au-action">{vi ? 'Hành động' : 'Action'}</label>
          <select id="au-action" value={f.action} onChange={(e) => set({ action: (e.target as HTMLSelectElement).value })}>
            <option value="">{vi ? 'Tất cả' : 'Any'}</option>
            {families.map((fam) => (
              <optgroup key={fam} label={actionText(fam, lang) === fam ? fam : actionText(fam, lang)}>
                {data!.facets.actions
                  .filter((a) => a.split('.')[0] === fam)
                  .map((a) => (
                    <option value={a} key={a}>
                      {actionText(a, lang)}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <AgencySelect id="au-agency" label={vi ? 'Cơ quan' : 'Agency'} value={f.agency} empty={vi ? 'Tất cả' : 'Any'} onChange={(agency) => set({ agency })} />
        <div class="filter">
          <label for="au-from">{vi ? 'Từ ngày' : 'From'}</label>
          <input id="au-from" type="date" value={f.from} onInput={(e) => set({ from: (e.target as HTMLInputElement).value })} />
        </div>
        <div class="filter">
          <label for="au-to">{vi ? 'Đến ngày' : 'To'}</label>
          <input id="au-to" type="date" value={f.to} onInput={(e) => set({ to: (e.target as HTMLInputElement).value })} />
        </div>
      </form>
      {!data ? (
        <p aria-busy="true">…</p>
      ) : (
        <>
          <DataTable
            caption={vi ? `${data.total} mục — trang ${page + 1}/${pages}` : `${data.total} entries — page ${page + 1} of ${pages}`}
            columns={[
              vi ? 'Thời điểm' : 'Time',
              vi ? 'Người thực hiện' : 'Who',
              vi ? 'Hành động' : 'Action',
              vi ? 'Đối tượng' : 'On',
              vi ? 'Chi tiết' : 'Details',
              vi ? 'Số thứ tự' : 'No.',
            ]}
          >
            {data.entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at, lang, auth?.timeZone)}</td>
                <td>{actorText(e.actor, lang)}</td>
                <th scope="row">{actionText(e.action, lang)}</th>
                <td>{targetText(e.target, lang, names)}</td>
                <td>{detailsText(e.details, lang)}</td>
                <td class="num">{e.id}</td>
              </tr>
            ))}
          </DataTable>
          <nav class="actions-row" aria-label={vi ? 'Trang' : 'Pages'}>
            <button type="button" class="secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
              {vi ? '← Mới hơn' : '← Newer'}
            </button>
            <button type="button" class="secondary" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
              {vi ? 'Cũ hơn →' : 'Older →'}
            </button>
          </nav>
        </>
      )}
    </>
  )
}
