import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import type { LocalizedText } from '../../server/domain/text.ts'
import { TextAreaField } from '../components/field.tsx'
import { FormError } from '../components/form-error.tsx'
import { useAction } from '../hooks/use-action.ts'
import { LoadError } from '../components/load-error.tsx'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { useLive } from '../hooks/use-live.ts'
import { client } from '../lib/client.ts'
import { localTime } from '../lib/format.ts'

import { s, strings } from '../lib/strings.ts'

const channelText: Record<string, LocalizedText> = { email: s('Thư điện tử', 'E-mail'), webhook: s('Webhook', 'Webhook') }
const deliveryText: Record<string, LocalizedText> = { pending: s('Đang chờ gửi lại', 'Waiting to retry'), sent: s('Đã gửi', 'Sent'), failed: s('Không gửi được', 'Gave up') }
const text = {
  new: s('Mới', 'New'),
  acknowledged: s('Đã tiếp nhận', 'Acknowledged'),
  resolved: s('Đã xử lý', 'Resolved'),
  followUpSteps: s('Các bước xử lý', 'Follow-up steps'),
  owner: s('Người phụ trách', 'Owner'),
  closingNote: s('Kết quả xử lý', 'Closing note'),
  followUp: s('Xử lý', 'Follow up'),
  acknowledge: s('Tiếp nhận (tôi phụ trách)', 'Acknowledge (I own it)'),
  closingNoteField: s('Kết quả xử lý (bắt buộc khi đóng)', 'What was done (required to close)'),
  resolve: s('Đánh dấu đã xử lý', 'Mark as resolved'),
  ratings: s('Các đánh giá gây ra cảnh báo', 'The ratings that raised it'),
  noComment: s('(không có góp ý)', '(no comment)'),
  noRatings: s('Cảnh báo này không do đánh giá cụ thể nào gây ra.', 'This alert was not raised by particular ratings.'),
  comments: s('Trao đổi', 'Comments'),
  noComments: s('Chưa có trao đổi.', 'No comments yet.'),
  addComment: s('Thêm trao đổi', 'Add a comment'),
  send: s('Gửi', 'Send'),
  deliveries: s('Gửi thông báo', 'Deliveries'),
  attempts: s('lần thử', 'attempts'),
  next: s('lần sau', 'next'),
  ok: s('thành công', 'ok'),
  failed: s('lỗi', 'failed'),
  appOnly: s('Chỉ hiện trong ứng dụng (chưa cấu hình thư điện tử hay webhook).', 'Shown in the app only (no e-mail or webhook configured).'),
}

/** One alert: what triggered it (with the citizens' comments), its follow-up and where it was delivered. */
export function AlertPage({ id }: { id: string }) {
  const { tr, auth } = useApp()
  const alert = useGet(client.api.v1.alerts[':id'], { param: { id } })
  const live = useLive(['alert-updated'])
  const { reload } = alert
  useEffect(() => {
    if (live.version) reload()
  }, [live.version, reload])
  const action = useAction()
  const [comment, setComment] = useState('')
  const [note, setNote] = useState('')
  const canAct = auth?.user.role !== 'viewer'
  /** After a step taken: clear its form and read the alert again. */
  const settle = (done?: () => void) => (r: unknown) => {
    if (r) {
      done?.()
      reload()
    }
  }
  if (alert.error) return <LoadError error={alert.error} />
  const a = alert.data
  if (!a) return <p aria-busy="true">{tr(strings.loading)}</p>
  const steps = [
    { label: tr(text.new), at: a.raisedAt },
    { label: tr(text.acknowledged), at: a.acknowledgedAt },
    { label: tr(text.resolved), at: a.resolvedAt },
  ]
  return (
    <>
      <p>
        <a href="/live">← {tr(strings.live)}</a>
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
      <ol class="steps" aria-label={tr(text.followUpSteps)}>
        {steps.map((s) => (
          <li key={s.label} class={s.at ? 'done' : ''}>
            <strong>{s.label}</strong> {s.at ? localTime(s.at, auth?.timeZone) : '—'}
          </li>
        ))}
      </ol>
      {a.owner ? (
        <p>
          {tr(text.owner)}: <strong>{a.owner.name}</strong>
        </p>
      ) : null}
      {a.closingNote ? (
        <p>
          {tr(text.closingNote)}: {a.closingNote}
        </p>
      ) : null}
      <FormError error={action.error} />
      {canAct && a.state !== 'resolved' ? (
        <section class="card">
          <h2>{tr(text.followUp)}</h2>
          {a.state === 'new' ? (
            <button type="button" disabled={action.busy} onClick={() => action.call((c) => c.api.v1.alerts[':id'].acknowledge.$post({ param: { id }, json: {} })).then(settle())}>
              {tr(text.acknowledge)}
            </button>
          ) : null}
          <form
            onSubmit={(e) => {
              e.preventDefault()
              action.call((c) => c.api.v1.alerts[':id'].resolve.$post({ param: { id }, json: { note } })).then(settle(() => setNote('')))
            }}
          >
            <TextAreaField id="closing-note" layout="stacked" label={tr(text.closingNoteField)} name="note" error={action.error} rows={2} value={note} onValue={setNote} />
            <button type="submit" disabled={action.busy}>
              {tr(text.resolve)}
            </button>
          </form>
        </section>
      ) : null}
      <section class="card">
        <h2>{tr(text.ratings)}</h2>
        <Entries
          empty={tr(text.noRatings)}
          entries={a.ratings.map((r) => ({
            id: r.id,
            text: r.comment ? `“${r.comment}”` : <span class="muted">{tr(text.noComment)}</span>,
            meta: `${r.rating !== null ? `${r.rating}/5` : ''} · ${localTime(r.submittedAt, auth?.timeZone)}`,
          }))}
        />
      </section>
      <section class="card">
        <h2>{tr(text.comments)}</h2>
        <Entries empty={tr(text.noComments)} entries={a.comments.map((c) => ({ id: c.id, text: c.body, meta: `${c.by.name} · ${localTime(c.at, auth?.timeZone)}` }))} />
        {canAct ? (
          <form
            onSubmit={(e) => {
              e.preventDefault()
              action.call((c) => c.api.v1.alerts[':id'].comments.$post({ param: { id }, json: { body: comment } })).then(settle(() => setComment('')))
            }}
          >
            <TextAreaField id="alert-comment" layout="stacked" label={tr(text.addComment)} name="body" error={action.error} rows={2} value={comment} onValue={setComment} />
            <button type="submit" disabled={action.busy}>
              {tr(text.send)}
            </button>
          </form>
        ) : null}
      </section>
      <section class="card">
        <h2>{tr(text.deliveries)}</h2>
        {a.deliveries.length ? (
          <ul class="plain">
            {a.deliveries.map((d, i) => (
              <li key={i}>
                <strong>{tr(channelText[d.channel]) || d.channel}</strong>: {tr(deliveryText[d.status]) || d.status} ({tr(text.attempts)} {d.attempts})
                {d.status === 'pending' && d.attempts ? ` · ${tr(text.next)} ${localTime(d.nextAttemptAt, auth?.timeZone)}` : ''}
                <ul>
                  {d.log.map((l) => (
                    <li key={l.attempt}>
                      {localTime(l.at, auth?.timeZone)} — {l.ok ? tr(text.ok) : tr(text.failed)}
                      {l.detail ? ` (${l.detail})` : ''}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{tr(text.appOnly)}</p>
        )}
      </section>
    </>
  )
}

/** The ratings behind the alert, or the staff's comments on it: each text, then what or who and when; or why there are none. */
function Entries({ entries, empty }: { entries: Array<{ id: number | string; text: ComponentChildren; meta: string }>; empty: string }) {
  if (!entries.length) return <p class="muted">{empty}</p>
  return (
    <ul class="comment-items">
      {entries.map((e) => (
        <li key={e.id}>
          <p class="comment-text">{e.text}</p>
          <p class="muted">{e.meta}</p>
        </li>
      ))}
    </ul>
  )
}
