import { DataTable } from '../components/data-table.tsx'
import { useApp } from '../hooks/use-auth.ts'
import { useFetch } from '../hooks/use-fetch.ts'

interface Entry {
  id: number
  at: string
  actor: string
  action: string
  target: string | null
  details: unknown
}

export function AdminAuditPage() {
  const { lang } = useApp()
  const vi = lang === 'vi'
  const log = useFetch<{ chain: { ok: boolean; entries: number; brokenAt?: number; reason?: string }; entries: Entry[] }>('/api/v1/admin/audit?limit=200')
  if (log.error) return <p class="form-error" role="alert">{log.error.body?.error.message[lang]}</p>
  if (!log.data) return <p aria-busy="true">…</p>
  const { chain, entries } = log.data
  return (
    <>
      <h1>{vi ? 'Nhật ký kiểm toán' : 'Audit log'}</h1>
      <p role="status" class={chain.ok ? '' : 'form-error'}>
        {chain.ok
          ? vi
            ? `Chuỗi băm nguyên vẹn (${chain.entries} mục)`
            : `Hash chain intact (${chain.entries} entries)`
          : vi
            ? `Chuỗi băm bị sửa tại mục ${chain.brokenAt}: ${chain.reason}`
            : `Hash chain broken at entry ${chain.brokenAt}: ${chain.reason}`}
      </p>
      <DataTable caption={vi ? '200 mục gần nhất' : 'Latest 200 entries'} columns={['#', vi ? 'Thời điểm' : 'Time', vi ? 'Người thực hiện' : 'Actor', vi ? 'Hành động' : 'Action', vi ? 'Đối tượng' : 'Target', vi ? 'Chi tiết' : 'Details']}>
        {entries.map((e) => (
          <tr key={e.id}>
            <td class="num">{e.id}</td>
            <td>{new Date(e.at).toLocaleString(vi ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' })}</td>
            <td>{e.actor}</td>
            <td>{e.action}</td>
            <td>{e.target ?? ''}</td>
            <td>
              <code>{e.details ? JSON.stringify(e.details) : ''}</code>
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  )
}
