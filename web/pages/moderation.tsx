import { useState } from 'preact/hooks'
import { ConfirmDialog, type ConfirmSpec } from '../components/confirm-dialog.tsx'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { client, type Res } from '../lib/client.ts'
import { formatDateTime } from '../lib/format.ts'
import { EXCLUSION_REASON_TEXT, FLAG_REASON_TEXT, integrity as t } from '../lib/integrity-strings.ts'
import { strings as s } from '../lib/strings.ts'

type Queue = Res<typeof client.api.v1.moderation.queue.$get>
type Rated = Queue['flagged'][number]

/**
 * The admins' review queue: exclusions proposed by one person wait here for a second, independent one;
 * ratings an automatic signal held back wait to be let in or excluded. Every button says why when it may
 * not be used (own proposal, own agency), instead of doing nothing.
 */
export function ModerationPage() {
  const { tr, lang, auth } = useApp()
  const queue = useGet(client.api.v1.moderation.queue)
  const [dialog, setDialog] = useState<ConfirmSpec | null>(null)
  const [notice, setNotice] = useState('')
  const when = (iso: string) => formatDateTime(iso, lang, auth?.timeZone)
  const admin = auth?.user.role === 'admin'
  const rated = (i: Rated) => (
    <>
      <p>
        <strong>{i.agencyName}</strong>
        {i.deskName ? ` · ${i.deskName}` : ''} · {tr(s[i.channel as 'kiosk'] ?? { vi: i.channel, en: i.channel })} · {when(i.submittedAt)} · {i.quarter}
      </p>
      <p>
        {tr(s.rating)}: {i.rating ?? '—'}
        {i.comment ? ` · “${i.comment}”` : i.textHidden ? ` · ${tr(t.textHidden)}` : ''}
      </p>
    </>
  )
  const refusal = (r: Rated['refusal']) => (r ? <p class="refusal">{tr(r.text)}</p> : null)
  if (queue.error)
    return (
      <p class="form-error" role="alert">
        {queue.error.body?.error.message[lang] ?? queue.error.message}
      </p>
    )
  const q = queue.data
  return (
    <>
      <h1>{tr(t.queue)}</h1>
      <p class="muted">{tr(t.queueIntro)}</p>
      {notice ? <p role="status">{notice}</p> : null}
      {dialog ? (
        <ConfirmDialog
          spec={dialog}
          onClose={() => setDialog(null)}
          done={() => {
            setNotice(`${tr(dialog.title)} ✓`)
            setDialog(null)
            queue.reload()
          }}
        />
      ) : null}
      {!q ? (
        <p aria-busy="true">{tr(s.loading)}</p>
      ) : (
        <>
          <section class="card">
            <h2>
              {tr(t.proposals)} ({q.proposals.length})
            </h2>
            {q.proposals.length ? null : <p>{tr(t.none)}</p>}
            {q.proposals.map((p) => (
              <article key={p.exclusionId} class="queue-item" aria-label={`${p.agencyName} ${p.exclusionId}`}>
                {rated(p)}
                <p>
                  {tr(t.reasonLabel)}: <strong>{tr(EXCLUSION_REASON_TEXT[p.reason as 'spam'] ?? { vi: p.reason, en: p.reason })}</strong> — {p.note}
                </p>
                <p class="muted">
                  {tr(t.proposedBy)}: {p.proposerName ?? '—'} {p.mine ? tr(t.mine) : ''} · {when(p.proposedAt)}
                </p>
                <div class="actions-row">
                  {admin ? (
                    <>
                      <button
                        type="button"
                        disabled={!!p.refusal}
                        onClick={() =>
                          setDialog({
                            title: t.approve,
                            explain: t.approveExplain,
                            confirm: t.approve,
                            path: `/api/v1/moderation/exclusions/${p.exclusionId}/approve`,
                            note: 'optional',
                            body: ({ note }) => (note ? { note } : {}),
                          })
                        }
                      >
                        {tr(t.approve)}
                      </button>
                      <button
                        type="button"
                        class="secondary"
                        disabled={!!p.refusal}
                        onClick={() =>
                          setDialog({
                            title: t.reject,
                            explain: t.rejectExplain,
                            confirm: t.reject,
                            path: `/api/v1/moderation/exclusions/${p.exclusionId}/reject`,
                            body: ({ note }) => ({ note }),
                          })
                        }
                      >
                        {tr(t.reject)}
                      </button>
                    </>
                  ) : null}
                  {p.mine ? (
                    <button
                      type="button"
                      class="secondary"
                      onClick={() =>
                        setDialog({
                          title: t.withdraw,
                          explain: t.withdrawExplain,
                          confirm: t.withdraw,
                          path: `/api/v1/moderation/exclusions/${p.exclusionId}/withdraw`,
                          note: 'none',
                          body: () => ({}),
                        })
                      }
                    >
                      {tr(t.withdraw)}
                    </button>
                  ) : null}
                </div>
                {admin ? refusal(p.refusal) : null}
              </article>
            ))}
          </section>
          <section class="card">
            <h2>
              {tr(t.flagged)} ({q.flagged.length})
            </h2>
            <p class="muted">{tr(t.flaggedIntro)}</p>
            {q.flagged.length ? null : <p>{tr(t.none)}</p>}
            {q.flagged.map((f) => (
              <article key={f.responseId} class="queue-item" aria-label={`${f.agencyName} ${f.responseId}`}>
                {rated(f)}
                <p>
                  {tr(t.signal)}: <strong>{tr(FLAG_REASON_TEXT[f.flagReason ?? ''] ?? { vi: f.flagReason ?? '—', en: f.flagReason ?? '—' })}</strong>
                </p>
                {admin ? (
                  <div class="actions-row">
                    <button
                      type="button"
                      disabled={!!f.refusal}
                      onClick={() =>
                        setDialog({
                          title: t.letCount,
                          explain: t.letCountExplain,
                          confirm: t.letCount,
                          path: `/api/v1/moderation/flagged/${f.responseId}`,
                          body: ({ note }) => ({ decision: 'count', note }),
                        })
                      }
                    >
                      {tr(t.letCount)}
                    </button>
                    <button
                      type="button"
                      class="secondary"
                      disabled={!!f.refusal}
                      onClick={() =>
                        setDialog({
                          title: t.exclude,
                          explain: t.excludeExplain,
                          confirm: t.exclude,
                          path: `/api/v1/moderation/flagged/${f.responseId}`,
                          reason: true,
                          body: ({ reason, note }) => ({ decision: 'exclude', reason, note }),
                        })
                      }
                    >
                      {tr(t.exclude)}
                    </button>
                  </div>
                ) : null}
                {admin ? refusal(f.refusal) : null}
              </article>
            ))}
          </section>
        </>
      )}
    </>
  )
}
