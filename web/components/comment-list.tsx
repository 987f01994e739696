import { useState } from 'preact/hooks'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { client, type Res } from '../lib/client.ts'
import { api } from '../lib/api.ts'
import { reasonOf } from '../lib/reason.ts'
import { integrity as t } from '../lib/integrity-strings.ts'
import { useConfirmDialog, type ConfirmSpec } from './confirm-dialog.tsx'
import { strings as s } from '../lib/strings.ts'
import { formatDateTime } from '../lib/format.ts'

const kindLabel = { phone: s.pdPhone, id_number: s.pdIdNumber, email: s.pdEmail, passport: s.pdPassport, bank_account: s.pdBankAccount }

/** One comment: `text` comes masked (`personalData` says what was masked); a hidden text's rating still counts. */
type Item = Res<typeof client.api.v1.dashboard.comments.$get>['items'][number]

/**
 * Citizens' comments for review, with search. Comments are rendered as text nodes only, so markup typed by
 * a citizen is shown, never run. Two separate acts: hiding a text (the rating still counts) and proposing
 * to exclude the rating, which an independent admin must approve; nothing is ever deleted. Personal data
 * comes masked from the server; an admin may ask for one comment (or an export) as typed, and each such
 * request is logged.
 */
export function CommentList({ agency, period }: { agency?: string; period?: string }) {
  const { tr, auth, lang } = useApp()
  const [q, setQ] = useState('')
  const [search, setSearch] = useState('')
  const [status, setStatus] = useState('all')
  const [limit, setLimit] = useState(20)
  const filter = {
    status: status as 'all' | 'counted' | 'spam' | 'flagged',
    limit: String(limit),
    agency: agency || undefined,
    period: period || undefined,
    q: search || undefined,
  }
  const list = useGet(client.api.v1.dashboard.comments, { query: filter })
  const canModerate = auth?.user.role === 'admin' || auth?.user.role === 'manager'
  const isAdmin = auth?.user.role === 'admin'
  const [revealed, setRevealed] = useState<Record<number, string>>({})
  const [error, setError] = useState('')
  const exportQuery = new URLSearchParams({ status, ...(agency ? { agency } : {}), ...(period ? { period } : {}), ...(search ? { q: search } : {}) })
  const reveal = async (item: Item) => {
    setError('')
    try {
      const r = await api<{ text: string }>(`/api/v1/dashboard/responses/${item.responseId}/comment/reveal`, { method: 'POST', csrf: auth?.csrfToken, json: {} })
      setRevealed({ ...revealed, [item.responseId]: r.text })
    } catch (e) {
      setError(tr(reasonOf(e)))
    }
  }
  const confirm = useConfirmDialog(
    (spec) => tr(spec.title === t.propose ? t.proposed : spec.title),
    () => list.reload(),
  )
  const hide = (item: Item): ConfirmSpec => ({
    title: item.textHidden ? t.showText : t.hideText,
    explain: item.textHidden ? t.showExplain : t.hideExplain,
    confirm: item.textHidden ? t.showText : t.hideText,
    path: `/api/v1/moderation/responses/${item.responseId}/text`,
    body: ({ note }) => ({ hidden: !item.textHidden, reason: note }),
  })
  const propose = (item: Item): ConfirmSpec => ({
    title: t.propose,
    explain: t.proposeExplain,
    confirm: t.propose,
    path: '/api/v1/moderation/exclusions',
    reason: true,
    body: ({ reason, note }) => ({ responseId: item.responseId, reason, note }),
  })
  return (
    <div class="comments">
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault()
          setSearch(q)
        }}
      >
        <div class="filter">
          <label for="comment-q">{tr(s.search)}</label>
          <input id="comment-q" type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        </div>
        <div class="filter">
          <label for="comment-status">{tr(s.counted)}</label>
          <select id="comment-status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
            <option value="all">{tr(s.all)}</option>
            <option value="counted">{tr(s.counted)}</option>
            <option value="spam">{tr(t.excluded)}</option>
            <option value="flagged">{tr(s.flagged)}</option>
          </select>
        </div>
        <button type="submit">{tr(s.search)}</button>
      </form>
      <p class="actions">
        <a class="button secondary" href={`/api/v1/dashboard/comments/export.csv?${exportQuery}`} download>
          {tr(s.commentsCsv)}
        </a>{' '}
        <a class="button secondary" href={`/api/v1/dashboard/comments/export.xlsx?${exportQuery}`} download>
          {tr(s.commentsXlsx)}
        </a>
        {isAdmin ? (
          <>
            {' '}
            <a class="button secondary" href={`/api/v1/dashboard/comments/export.csv?${exportQuery}&clear=1`} download>
              {tr(s.exportClearCsv)}
            </a>{' '}
            <a class="button secondary" href={`/api/v1/dashboard/comments/export.xlsx?${exportQuery}&clear=1`} download>
              {tr(s.exportClearXlsx)}
            </a>
          </>
        ) : null}
      </p>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {confirm.element}
      {list.data ? (
        <>
          <p class="muted" aria-live="polite">
            {tr(s.shown)} {list.data.items.length} {tr(s.of)} {list.data.total}
          </p>
          <ul class="comment-items">
            {list.data.items.map((i) => (
              <li key={i.responseId} class={i.spam ? 'is-spam' : ''}>
                <p class="comment-text">{i.textHidden ? <em>{tr(t.textHidden)}</em> : (revealed[i.responseId] ?? i.text)}</p>
                {revealed[i.responseId] !== undefined ? (
                  <p class="muted" role="status">
                    {tr(s.revealedNote)}
                  </p>
                ) : i.personalData.length ? (
                  <p class="muted">
                    {tr(s.maskedNote)}: {i.personalData.map((k) => tr(kindLabel[k])).join(', ')}{' '}
                    {isAdmin ? (
                      <button type="button" class="secondary small" onClick={() => reveal(i)}>
                        {tr(s.revealClear)}
                      </button>
                    ) : null}
                  </p>
                ) : null}
                <p class="muted">
                  {formatDateTime(i.submittedAt, lang, auth?.timeZone)} · {i.agencyName}
                  {i.deskName ? ` · ${i.deskName}` : ''} · {tr(s.rating)}: {i.rating ?? '—'}
                  {i.spam ? ` · ${tr(t.excluded)}` : ''}
                  {i.flagged ? ` · ${tr(s.flagged)} (${i.flagReason ?? ''})` : ''}
                </p>
                {canModerate ? (
                  <div class="actions-row">
                    <button type="button" class="secondary small" onClick={() => confirm.ask(hide(i))}>
                      {i.textHidden ? tr(t.showText) : tr(t.hideText)}
                    </button>
                    {!i.spam ? (
                      <button type="button" class="secondary small" onClick={() => confirm.ask(propose(i))}>
                        {tr(t.propose)}
                      </button>
                    ) : null}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
          {list.data.total > list.data.items.length ? (
            <button type="button" class="secondary" onClick={() => setLimit(limit + 20)}>
              {tr(s.more)}
            </button>
          ) : null}
        </>
      ) : (
        <p aria-busy="true">{tr(s.loading)}</p>
      )}
    </div>
  )
}
