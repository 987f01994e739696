import { Fragment } from 'preact'
import { useApp } from '../hooks/use-auth.ts'
import { formatIndex, formatInterval } from '../lib/format.ts'
import { formatNumber } from '../lib/i18n.ts'
import { EXCLUSION_REASON_TEXT, integrity as t } from '../lib/integrity-strings.ts'
import { strings as s } from '../lib/strings.ts'

export interface Credibility {
  n: number
  channels: Array<{ channel: string; n: number; share: number }>
  flagged: number
  excluded: number
  excludedByReason: Record<string, number>
  late: number
  receipt: { n: number; index: number | null; ci95: [number, number] | null }
  all: { n: number; index: number | null; ci95: [number, number] | null }
}

/**
 * How far an agency's figures can be trusted: where its ratings came from, how many were held back,
 * excluded (by reason) or late, and the index on receipt-code answers beside the index on all answers.
 */
export function CredibilityPanel({ c, method }: { c: Credibility; method: 'share' | 'points' }) {
  const { tr, lang } = useApp()
  const reasons = Object.entries(c.excludedByReason)
  return (
    <section class="card credibility" aria-label={tr(t.credibility)}>
      <h2>{tr(t.credibility)}</h2>
      <div class="cards">
        <div>
          <h3>{tr(t.shareByChannel)}</h3>
          <dl>
            {c.channels.map((ch) => (
              <Fragment key={ch.channel}>
                <dt>{tr(s[ch.channel as 'kiosk'] ?? { vi: ch.channel, en: ch.channel })}</dt>
                <dd>
                  {formatNumber(ch.share, 1, lang)} % (n = {ch.n})
                </dd>
              </Fragment>
            ))}
          </dl>
        </div>
        <div>
          <dl>
            <dt>{tr(t.flaggedCount)}</dt>
            <dd>{c.flagged}</dd>
            <dt>{tr(t.excludedCount)}</dt>
            <dd>{c.excluded}</dd>
            <dt>{tr(t.lateCount)}</dt>
            <dd>{c.late}</dd>
          </dl>
          {reasons.length ? (
            <>
              <h3>{tr(t.excludedByReason)}</h3>
              <dl>
                {reasons.map(([reason, n]) => (
                  <Fragment key={reason}>
                    <dt>{tr(EXCLUSION_REASON_TEXT[reason as 'spam'] ?? { vi: reason, en: reason })}</dt>
                    <dd>{n}</dd>
                  </Fragment>
                ))}
              </dl>
            </>
          ) : null}
        </div>
        <div>
          <dl>
            <dt>{tr(t.receiptIndex)}</dt>
            <dd>
              {formatIndex(c.receipt.index, method, lang)} (n = {c.receipt.n}; {formatInterval(c.receipt.ci95, method, lang)})
            </dd>
            <dt>{tr(t.allIndex)}</dt>
            <dd>
              {formatIndex(c.all.index, method, lang)} (n = {c.all.n}; {formatInterval(c.all.ci95, method, lang)})
            </dd>
          </dl>
          <p class="muted">{tr(t.receiptHint)}</p>
        </div>
      </div>
    </section>
  )
}
