import { useState } from 'preact/hooks'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { client } from '../lib/client.ts'
import { integrity as t } from '../lib/integrity-strings.ts'
import { formatDateTime } from '../lib/format.ts'
import { ConfirmDialog, type ConfirmSpec } from './confirm-dialog.tsx'

/**
 * A quarter's closing state on the dashboard: open or closed (which version), published or not, "N phiếu
 * đến muộn"; admins close, reopen (with a reason) and publish from here, each after a dialog saying what
 * will happen. `onChange` reloads the report, which a close or reopen changes.
 */
export function PeriodPanel({ survey, period, onChange }: { survey: string; period: string; onChange: () => void }) {
  const { tr, lang, auth } = useApp()
  const quarter = /^\d{4}-Q[1-4]$/.test(period)
  const status = useGet(quarter ? client.api.v1.periods[':survey'][':quarter'] : null, { param: { survey, quarter: period } })
  const [dialog, setDialog] = useState<ConfirmSpec | null>(null)
  if (!quarter || !status.data) return null
  const st = status.data
  const when = (iso: string) => formatDateTime(iso, lang, auth?.timeZone)
  const ended = st.ended !== null && new Date(st.ended) <= new Date()
  const admin = auth?.user.role === 'admin'
  const base = `/api/v1/periods/${survey}/${period}`
  return (
    <section class="card period-panel no-print" aria-label={tr(t.periodTitle)}>
      <h2>{tr(t.periodTitle)}</h2>
      <p class="state" role="status">
        {st.closed ? `${tr(t.closedAs)} ${st.snapshot!.version} · ${when(st.snapshot!.closedAt)}` : tr(t.open)}
        {st.published !== null ? ` · ${tr(t.published)} ${st.published}` : ''}
      </p>
      {st.closed && st.late ? (
        <p class="late">
          {st.late} {tr(t.lateArrivals)}
        </p>
      ) : null}
      {st.closed && st.lateExclusions ? (
        <p class="late">
          {st.lateExclusions} {tr(t.lateExclusions)}
        </p>
      ) : null}
      {admin ? (
        <div class="actions-row">
          {!st.closed ? (
            <button
              type="button"
              disabled={!ended}
              aria-describedby={ended ? undefined : 'period-not-ended'}
              onClick={() => setDialog({ title: t.close, explain: t.closeExplain, confirm: t.close, path: `${base}/close`, note: 'none', body: () => ({}) })}
            >
              {tr(t.close)}
            </button>
          ) : (
            <>
              {st.published !== st.snapshot!.version ? (
                <button
                  type="button"
                  onClick={() => setDialog({ title: t.publish, explain: t.publishExplain, confirm: t.publish, path: `${base}/publish`, note: 'none', body: () => ({}) })}
                >
                  {tr(t.publish)}
                </button>
              ) : null}
              <button
                type="button"
                class="secondary"
                onClick={() => setDialog({ title: t.reopen, explain: t.reopenExplain, confirm: t.reopen, path: `${base}/reopen`, body: ({ note }) => ({ reason: note }) })}
              >
                {tr(t.reopen)}
              </button>
            </>
          )}
          {st.published !== null ? (
            <a class="button secondary" href={`/cong-khai/${survey}/${period}`}>
              {tr(t.publicPage)}
            </a>
          ) : null}
        </div>
      ) : null}
      {/* Why the button above is greyed out; for everyone else the state line says the quarter is open. */}
      {!ended && admin && !st.closed ? (
        <p class="muted" id="period-not-ended">
          {tr(t.notEnded)}
        </p>
      ) : null}
      {st.history.length ? (
        <details>
          <summary>{tr(t.history)}</summary>
          <ol>
            {st.history.map((h) => (
              <li key={h.version}>
                v{h.version} · {when(h.closedAt)} · {h.closedBy.replace(/^user:/, '')} · SHA-256 {h.hash.slice(0, 12)}…
                {h.publishedAt ? ` · ${tr(t.published)} ${when(h.publishedAt)}` : ''}
                {h.reopenedAt ? ` · ${tr(t.reopenedBecause)} “${h.reopenReason}” (${when(h.reopenedAt)})` : ''}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {dialog ? (
        <ConfirmDialog
          spec={dialog}
          onClose={() => setDialog(null)}
          done={() => {
            setDialog(null)
            status.reload()
            onChange()
          }}
        />
      ) : null}
    </section>
  )
}
