import type { ResponseRate } from '../../server/domain/response-rate.ts'
import { useApp } from '../hooks/use-auth.ts'
import { formatNumber, type Lang } from '../lib/i18n.ts'
import { strings as s } from '../lib/strings.ts'
import { DataTable } from './data-table.tsx'

/** "83,33 %" or, without returned dossiers, the words: an empty rate is not 0 %. */
export function formatRate(r: ResponseRate | undefined, tr: (t: { vi: string; en: string }) => string, lang: Lang): string {
  if (!r) return '—'
  return r.dossierData && r.rate !== null ? `${formatNumber(r.rate, 2, lang)} %` : tr(s.noDossierData)
}

const channels = ['kiosk', 'qr', 'paper', 'web'] as const

/** The agency's response rate with n, by channel and by desk (every desk, those without dossiers say so). */
export function ResponseRateCard({ agency, byDesk }: { agency: ResponseRate; byDesk: Array<ResponseRate & { desk: { code: string; name: string } | null }> }) {
  const { tr, lang } = useApp()
  const cell = (r: ResponseRate, channel?: (typeof channels)[number]) => {
    if (!r.dossierData) return <span class="muted">{tr(s.noDossierData)}</span>
    const c = channel ? (r.byChannel[channel] ?? { n: 0, rate: 0 }) : { n: r.evaluations, rate: r.rate }
    return `${formatNumber(c.rate, 2, lang)} % (${c.n}/${r.dossiers})`
  }
  return (
    <section class="card stat">
      <h2>{tr(s.responseRate)}</h2>
      <p class="big">{formatRate(agency, tr, lang)}</p>
      <p>
        {tr(s.responses)}: {agency.evaluations} · {tr(s.dossiersReturned)}: {agency.dossierData ? agency.dossiers : tr(s.noDossierData)}
      </p>
      <p class="muted">{tr(s.responseRateNote)}</p>
      <DataTable caption={tr(s.byChannel)} columns={[tr(s.channel), tr(s.responseRate)]}>
        {channels.map((c) => (
          <tr key={c}>
            <th scope="row">{tr(s[c])}</th>
            <td class="num">{cell(agency, c)}</td>
          </tr>
        ))}
      </DataTable>
      <DataTable caption={tr(s.byDesk)} columns={[tr(s.desk), tr(s.dossiersReturned), tr(s.responses), tr(s.responseRate)]}>
        {byDesk.map((d) => (
          <tr key={d.desk?.code ?? '-'}>
            <th scope="row">{d.desk?.name ?? tr(s.noDesk)}</th>
            <td class="num">{d.dossiers}</td>
            <td class="num">{d.evaluations}</td>
            <td class="num">{formatRate(d, tr, lang)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  )
}
