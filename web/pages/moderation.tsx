import { useConfirmDialog, type ConfirmSpec } from '../components/confirm-dialog.tsx'
import type { LocalizedText } from '../../server/domain/text.ts'
import { LoadError } from '../components/load-error.tsx'
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
  const confirm = useConfirmDialog(
    (spec) => `${tr(spec.title)} ✓`,
    () => queue.reload(),
  )
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
  /** A step's button: its name is also the dialog's title and confirm button. */
  const step = (name: LocalizedText, spec: Omit<ConfirmSpec, 'title' | 'confirm'>, options: { secondary?: boolean; disabled?: boolean } = {}) => (
    <button type="button" class={options.secondary ? 'secondary' : undefined} disabled={options.disabled} onClick={() => confirm.ask({ title: name, confirm: name, ...spec })}>
      {tr(name)}
    </button>
  )
  const refusal = (r: Rated['refusal']) => (r ? <p class="refusal">{tr(r.text)}</p> : null)
  if (queue.error) return <LoadError error={queue.error} />
  const q = queue.data
  return (
    <>
      <h1>{tr(t.queue)}</h1>
      <p class="muted">{tr(t.queueIntro)}</p>
      {confirm.element}
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
                      {step(
                        t.approve,
                        { explain: t.approveExplain, path: `/api/v1/moderation/exclusions/${p.exclusionId}/approve`, note: 'optional', body: ({ note }) => (note ? { note } : {}) },
                        { disabled: !!p.refusal },
                      )}
                      {step(
                        t.reject,
                        { explain: t.rejectExplain, path: `/api/v1/moderation/exclusions/${p.exclusionId}/reject`, body: ({ note }) => ({ note }) },
                        { secondary: true, disabled: !!p.refusal },
                      )}
                    </>
                  ) : null}
                  {p.mine
                    ? step(
                        t.withdraw,
                        { explain: t.withdrawExplain, path: `/api/v1/moderation/exclusions/${p.exclusionId}/withdraw`, note: 'none', body: () => ({}) },
                        { secondary: true },
                      )
                    : null}
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
                    {step(
                      t.letCount,
                      { explain: t.letCountExplain, path: `/api/v1/moderation/flagged/${f.responseId}`, body: ({ note }) => ({ decision: 'count', note }) },
                      { disabled: !!f.refusal },
                    )}
                    {step(
                      t.exclude,
                      {
                        explain: t.excludeExplain,
                        path: `/api/v1/moderation/flagged/${f.responseId}`,
                        reason: true,
                        body: ({ reason, note }) => ({ decision: 'exclude', reason, note }),
                      },
                      { secondary: true, disabled: !!f.refusal },
                    )}
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
