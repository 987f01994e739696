import { useState } from 'preact/hooks'
import type { OfficerResult } from '../../server/domain/report-types.ts'
import { useAction } from '../hooks/use-action.ts'
import { LoadError } from './load-error.tsx'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { client } from '../lib/client.ts'
import { formatNumber } from '../lib/i18n.ts'
import { strings as s } from '../lib/strings.ts'
import { DataTable } from './data-table.tsx'
import { FormError } from './form-error.tsx'
import { formatRate } from './response-rate.tsx'
import { indicatorHeading, Tt01Legend } from './tt01-legend.tsx'

const INDICATORS = ['cs1', 'cs2', 'cs3', 'cs4', 'cs7']

/** A name staff give an officer; the one-stop software only ever sends an opaque code. */
function NameForm({ officer, onSaved }: { officer: OfficerResult; onSaved: () => void }) {
  const { tr } = useApp()
  const [name, setName] = useState(officer.displayName ?? '')
  const { run, error, busy } = useAction()
  return (
    <form
      class="inline-form"
      onSubmit={async (e) => {
        e.preventDefault()
        if (await run('PATCH', `/api/v1/officers/${officer.id}`, { displayName: name.trim() || null })) onSaved()
      }}
    >
      <label>
        <span class="sr-only">
          {tr(s.displayName)} — {officer.code}
        </span>
        <input value={name} maxLength={100} size={16} onInput={(e) => setName(e.currentTarget.value)} placeholder={tr(s.displayName)} />
      </label>
      <button type="submit" disabled={busy}>
        {tr(s.setName)}
      </button>
      <FormError error={error} />
    </form>
  )
}

/**
 * Per-officer results, loaded only when asked for: the server writes every view to the audit log, so
 * opening the agency page alone does not count as looking at individuals.
 */
export function OfficerResults({ agency, period }: { agency: string; period: string }) {
  const { tr, lang, auth } = useApp()
  const [open, setOpen] = useState(false)
  const list = useGet(open ? client.api.v1.officers : null, { query: { period, agency } })
  if (!auth || auth.user.role === 'viewer') return null
  const one = (v: number | null | undefined) => formatNumber(v, 1, lang)
  return (
    <section class="card">
      <h2>{tr(s.officers)}</h2>
      <p class="muted">{tr(s.officersNote)}</p>
      <p class="no-print">
        <a href={`/one-stop/${period}?agency=${encodeURIComponent(agency)}`}>{tr(s.oneStopReport)}</a>
      </p>
      {!open ? (
        <button type="button" onClick={() => setOpen(true)}>
          {tr(s.showOfficers)}
        </button>
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : !list.data ? (
        <p aria-busy="true">{tr(s.loading)}</p>
      ) : list.data.officers.length === 0 ? (
        <p>{tr(s.noOfficers)}</p>
      ) : (
        <DataTable
          caption={`${tr(s.officers)} — n ≥ ${list.data.minSample}`}
          columns={[tr(s.officer), tr(s.evaluated), ...INDICATORS.map((i) => indicatorHeading(i, tr)), tr(s.points), tr(s.staffQuestion), tr(s.responseRate), tr(s.displayName)]}
        >
          {list.data.officers.map((o) => (
            <tr key={o.id}>
              <th scope="row">
                {o.displayName ?? o.code}
                {o.displayName ? <span class="muted"> ({o.code})</span> : null}
              </th>
              <td class="num">
                {o.tt01.n}
                {o.tt01.sufficient ? '' : ` · ${tr(s.insufficient).toLowerCase()}`}
              </td>
              {INDICATORS.map((i) => (
                <td class="num" key={i}>
                  {one(o.tt01.indicators[i])}
                </td>
              ))}
              <td class="num strong">{one(o.tt01.total)}</td>
              <td class="num">{o.staff.sufficient ? `${formatNumber(o.staff.share, 2, lang)} % (n = ${o.staff.n})` : `${tr(s.insufficient)} (n = ${o.staff.n})`}</td>
              <td class="num">{formatRate(o.responseRate, tr, lang)}</td>
              <td>
                <NameForm officer={o} onSaved={list.reload} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {open && list.data?.officers.length ? <Tt01Legend indicators={INDICATORS} /> : null}
    </section>
  )
}
