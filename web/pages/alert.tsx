import { useEffect, useState } from 'preact/hooks'
import { FormError } from '../components/form-error.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useFetch } from '../hooks/use-fetch.ts'
import { useLive } from '../hooks/use-live.ts'
import { localTime, type AlertDetail } from '../lib/alert-types.ts'

const channelText = { email: ['Thư điện tử', 'E-mail'], webhook: ['Webhook', 'Webhook'] } as const
const deliveryText = { pending: ['Đang chờ gửi lại', 'Waiting to retry'], sent: ['Đã gửi', 'Sent'], failed: ['Không gửi được', 'Gave up'] } as const

/** One alert: what triggered it (with the citizens' comments), its follow-up and where it was delivered. */
export function AlertPage({ id }: { id: string }) {
  const { lang, tr, auth } = useApp()
  const vi = lang === 'vi'
  const alert = useFetch<AlertDetail>(`/api/v1/alerts/${encodeURIComponent(id)}`)
  const live = useLive(['alert-updated'])
  const { reload } = alert
  useEffect(() => {
    if (live.version) reload()
  }, [live.version, reload])
  const action = useAction()
  const [comment, setComment] = useState('')
  const [note, setNote] = useState('')
  const canAct = auth?.user.role !== 'viewer'
  const act = async (path: string, body: unknown, done?: () => void) => {
    const r = await action.run<AlertDetail>('POST', `/api/v1/alerts/${id}/${path}`, body)
    if (r) {
      done?.()
      reload()
    }
  }
  if (alert.error)
    return (
      <p class="form-error" role="alert">
        {alert.error.body?.error.message[lang] ?? alert.error.message}
      </p>
    )
  const a = alert.data
  if (!a) return <p aria-busy="true">{vi ? 'Đang tải…' : 'Loading…'}</p>
  const steps = [
    { label: vi ? 'Mới' : 'New', at: a.raisedAt },
    { label: vi ? 'Đã tiếp nhận' : 'Acknowledged', at: a.acknowledgedAt },
    { label: vi ? 'Đã xử lý' : 'Resolved', at: a.resolvedAt },
  ]
  return (
    <>
      <p>
        <a href="/live">← {vi ? 'Trực tiếp' : 'Live'}</a>
      </p>
      <h1>
        {tr(a.kindText)} <span class={`badge state-${a.state}`}>{tr(a.stateText)}</span>
      </h1>
      <p class="alert-summary big-summary">{tr(a.summary)}</p>
      <p class="muted">
        {a.agency.name}
        {a.desk ? ` — ${a.desk.name}` : ''}
        {a.kiosk ? ` — ${a.kiosk.name}` : ''}
      </p>
      <ol class="steps" aria-label={vi ? 'Các bước xử lý' : 'Follow-up steps'}>
        {steps.map((s) => (
          <li key={s.label} class={s.at ? 'done' : ''}>
            <strong>{s.label}</strong> {s.at ? localTime(s.at, auth?.timeZone) : '—'}
          </li>
        ))}
      </ol>
      {a.owner ? (
        <p>
          {vi ? 'Người phụ trách' : 'Owner'}: <strong>{a.owner.name}</strong>
        </p>
      ) : null}
      {a.closingNote ? (
        <p>
          {vi ? 'Kết quả xử lý' : 'Closing note'}: {a.closingNote}
        </p>
      ) : null}
      <FormError error={action.error} />
      {canAct && a.state !== 'resolved' ? (
        <section class="card">
          <h2>{vi ? 'Xử lý' : 'Follow up'}</h2>
          {a.state === 'new' ? (
            <button type="button" disabled={action.busy} onClick={() => act('acknowledge', {})}>
              {vi ? 'Tiếp nhận (tôi phụ trách)' : 'Acknowledge (I own it)'}
            </button>
          ) : null}
          <form
            onSubmit={(e) => {
              e.preventDefault()
              act('resolve', { note }, () => setNote(''))
            }}
          >
            <label for="closing-note">{vi ? 'Kết quả xử lý (bắt buộc khi đóng)' : 'What was done (required to close)'}</label>
            <textarea
              id="closing-note"
              rows={2}
              value={note}
              onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
              aria-invalid={action.error?.fields.note ? 'true' : undefined}
            />
            {action.error?.fields.note ? <p class="form-error">{action.error.fields.note}</p> : null}
            <button type="submit" disabled={action.busy}>
              {vi ? 'Đánh dấu đã xử lý' : 'Mark as resolved'}
            </button>
          </form>
        </section>
      ) : null}
      <section class="card">
        <h2>{vi ? 'Các đánh giá gây ra cảnh báo' : 'The ratings that raised it'}</h2>
        {a.ratings.length ? (
          <ul class="comment-items">
            {a.ratings.map((r) => (
              <li key={r.id}>
                <p class="comment-text">{r.comment ? `“${r.comment}”` : <span class="muted">{vi ? '(không có góp ý)' : '(no comment)'}</span>}</p>
                <p class="muted">
                  {r.rating !== null ? `${r.rating}/5` : ''} · {localTime(r.submittedAt, auth?.timeZone)}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{vi ? 'Cảnh báo này không do đánh giá cụ thể nào gây ra.' : 'This alert was not raised by particular ratings.'}</p>
        )}
      </section>
      <section class="card">
        <h2>{vi ? 'Trao đổi' : 'Comments'}</h2>
        {a.comments.length ? (
          <ul class="comment-items">
            {a.comments.map((c) => (
              <li key={c.id}>
                <p class="comment-text">{c.body}</p>
                <p class="muted">
                  {c.by.name} · {localTime(c.at, auth?.timeZone)}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{vi ? 'Chưa có trao đổi.' : 'No comments yet.'}</p>
        )}
        {canAct ? (
          <form
            onSubmit={(e) => {
              e.preventDefault()
              act('comments', { body: comment }, () => setComment(''))
            }}
          >
            <label for="alert-comment">{vi ? 'Thêm trao đổi' : 'Add a comment'}</label>
            <textarea id="alert-comment" rows={2} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
            {action.error?.fields.body ? <p class="form-error">{action.error.fields.body}</p> : null}
            <button type="submit" disabled={action.busy}>
              {vi ? 'Gửi' : 'Send'}
            </button>
          </form>
        ) : null}
      </section>
      <section class="card">
        <h2>{vi ? 'Gửi thông báo' : 'Deliveries'}</h2>
        {a.deliveries.length ? (
          <ul class="plain">
            {a.deliveries.map((d, i) => (
              <li key={i}>
                <strong>{channelText[d.channel][vi ? 0 : 1]}</strong>: {deliveryText[d.status][vi ? 0 : 1]} ({vi ? 'lần thử' : 'attempts'} {d.attempts})
                {d.status === 'pending' && d.attempts ? ` · ${vi ? 'lần sau' : 'next'} ${localTime(d.nextAttemptAt, auth?.timeZone)}` : ''}
                <ul>
                  {d.log.map((l) => (
                    <li key={l.attempt}>
                      {localTime(l.at, auth?.timeZone)} — {l.ok ? (vi ? 'thành công' : 'ok') : vi ? 'lỗi' : 'failed'}
                      {l.detail ? ` (${l.detail})` : ''}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{vi ? 'Chỉ hiện trong ứng dụng (chưa cấu hình thư điện tử hay webhook).' : 'Shown in the app only (no e-mail or webhook configured).'}</p>
        )}
      </section>
    </>
  )
}
