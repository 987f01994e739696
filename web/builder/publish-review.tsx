import { useEffect, useRef, useState } from 'preact/hooks'
import type { DefinitionProblem } from '../../server/domain/definition-problems.ts'
import type { DefinitionChange } from '../../server/domain/survey-diff.ts'
import type { LocalizedText } from '../../server/domain/text.ts'
import { t, type Lang } from '../lib/i18n.ts'
import { s } from '../lib/strings.ts'

const text = {
  title: s('Ban hành phiên bản này', 'Publish this version'),
  against: (version: string) => s(`So với ${version}, phiên bản được sao chép:`, `Against ${version}, the version it was copied from:`),
  nothingChanged: s('không có thay đổi nào.', 'nothing changed.'),
  notCopied: s('Phiên bản này không sao chép từ phiên bản nào, nên không có gì để so sánh.', 'This version was not copied from another, so there is nothing to compare.'),
  breaks: s('Các thay đổi sau làm chỉ số không so sánh được với các quý trước:', 'These changes make the index incomparable with earlier quarters:'),
  note: s('Lưu ý: ', 'Note: '),
  final: s('Sau khi ban hành, phiên bản không sửa được nữa; muốn thay đổi thì tạo phiên bản mới.', 'Once published, the version cannot change; changes need a new version.'),
  reasonRequired: s('Lý do thay đổi (bắt buộc, ghi vào nhật ký)', 'Reason for the change (required, kept in the audit log)'),
  reasonOptional: s('Lý do (không bắt buộc, ghi vào nhật ký)', 'Reason (optional, kept in the audit log)'),
  publish: s('Xác nhận ban hành', 'Confirm and publish'),
  back: s('Quay lại sửa', 'Back to editing'),
}

/** The list of problems: each names where it is and jumps to its field. */
export function ProblemList({ problems, lang, onGo, title, live }: { problems: DefinitionProblem[]; lang: Lang; onGo(path: string): void; title: string; live?: boolean }) {
  if (!problems.length) return null
  return (
    <div class="problem-list" role={live ? 'alert' : undefined}>
      <p>
        <strong>{title}</strong>
      </p>
      <ul>
        {problems.map((p) => (
          <li key={p.path + p.message.vi}>
            <button type="button" class="link-button" onClick={() => onGo(p.path)}>
              {p.where[lang]}
            </button>
            : {p.message[lang]}
          </li>
        ))}
      </ul>
    </div>
  )
}

/**
 * What publishing will do, against the version the draft was copied from: every change in words, the
 * ones that break comparability with earlier quarters set apart, and then a reason is asked for.
 */
export function PublishReview(props: {
  lang: Lang
  basedOn: string | null
  changes: DefinitionChange[]
  busy: boolean
  reasonError?: string
  onPublish(reason: string): void
  onCancel(): void
}) {
  const tr = (x: LocalizedText) => t(x, props.lang)
  const [reason, setReason] = useState('')
  // The review opens at the top of a long page: bring it into view and say it.
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' })
    heading.current?.focus()
  }, [])
  const breaks = props.changes.filter((c) => c.severity === 'breaks')
  const rest = props.changes.filter((c) => c.severity !== 'breaks')
  return (
    <section class="card publish-review" aria-labelledby="publish-title">
      <h2 id="publish-title" tabIndex={-1} ref={heading}>
        {tr(text.title)}
      </h2>
      {props.basedOn ? (
        <p>
          {tr(text.against(props.basedOn))} {props.changes.length ? '' : tr(text.nothingChanged)}
        </p>
      ) : (
        <p>{tr(text.notCopied)}</p>
      )}
      {breaks.length ? (
        <div class="warning" role="alert">
          <p>
            <strong>{tr(text.breaks)}</strong>
          </p>
          <ul>
            {breaks.map((c, i) => (
              <li key={i}>{c.text[props.lang]}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {rest.length ? (
        <ul class="changes">
          {rest.map((c, i) => (
            <li key={i} class={c.severity}>
              {c.severity === 'caution' ? <strong>{tr(text.note)}</strong> : null}
              {c.text[props.lang]}
            </li>
          ))}
        </ul>
      ) : null}
      <p class="muted">{tr(text.final)}</p>
      <div class="field wide">
        <label for="publish-reason">{tr(breaks.length ? text.reasonRequired : text.reasonOptional)}</label>
        <textarea
          id="publish-reason"
          rows={2}
          value={reason}
          aria-invalid={props.reasonError ? 'true' : undefined}
          aria-describedby={props.reasonError ? 'publish-reason-problem' : undefined}
          onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
        />
        {props.reasonError ? (
          <p class="field-problem" id="publish-reason-problem">
            {props.reasonError}
          </p>
        ) : null}
      </div>
      <div class="actions-row">
        <button type="button" disabled={props.busy} onClick={() => props.onPublish(reason)}>
          {tr(text.publish)}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {tr(text.back)}
        </button>
      </div>
    </section>
  )
}
