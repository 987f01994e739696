import { useState } from 'preact/hooks'
import type { Condition } from '../../server/domain/survey-definition.ts'
import type { LocalizedText } from '../../server/domain/text.ts'
import { t } from '../lib/i18n.ts'
import { s } from '../lib/strings.ts'
import { NumberField, Problem, RemoveButton, Rows, Select, TextField, TextPair, useField, useProblemsUnder } from './fields.tsx'
import { idFromText, newKey, removeAt, uniqueId, type BDef, type BOption, type BPoint, type BQuestion, type QType } from './model.ts'

interface Props {
  def: BDef
  path: string
  /** 1-based number of the question in the whole form */
  number: number
  question: BQuestion
  /** questions before this one, the only ones a condition may use */
  earlier: BQuestion[]
  taken: Set<string>
  counted: boolean
  expanded: boolean
  onToggle(): void
  onChange(q: BQuestion): void
  /** the id changed (typed, or following the text): references to the question follow when that is unambiguous */
  onIdChange(q: BQuestion, from: string): void
  onChangeKeepingReferences(q: BQuestion): void
  onRemove(): void
  onMove(by: -1 | 1): void
  drag: { onDragStart(): void; onDrop(): void; dragging: boolean }
  canMoveUp: boolean
  canMoveDown: boolean
}

const typeNames: Record<QType, LocalizedText> = {
  rating: s('Chấm mức hài lòng (mặt cười)', 'Satisfaction rating (faces)'),
  points: s('Chấm điểm', 'Points'),
  choice: s('Chọn từ danh sách', 'Choice from a list'),
  text: s('Trả lời bằng chữ', 'Written answer'),
}

const text = {
  noText: s('(chưa có nội dung)', '(no text yet)'),
  drag: (n: number) => s(`Kéo để chuyển câu ${n}; hoặc Alt + mũi tên lên/xuống`, `Drag to move question ${n}; or Alt + arrow up/down`),
  dragTitle: s('Kéo để chuyển; Alt + ↑/↓ bằng bàn phím', 'Drag to move; Alt + ↑/↓ by keyboard'),
  required: s(' · bắt buộc', ' · required'),
  conditional: s(' · có điều kiện', ' · conditional'),
  counted: s(' · tính vào chỉ số', ' · counts in the index'),
  toFix: (n: number) => s(`${n} chỗ cần sửa`, `${n} to fix`),
  moveUp: (n: number) => s(`Chuyển câu ${n} lên`, `Move question ${n} up`),
  moveDown: (n: number) => s(`Chuyển câu ${n} xuống`, `Move question ${n} down`),
  type: s('Loại câu hỏi', 'Question type'),
  answer: s('Trả lời', 'Answer'),
  requiredCheck: s('Bắt buộc trả lời', 'Required'),
  question: s('Câu hỏi', 'Question'),
  hint: s('Gợi ý (không bắt buộc)', 'Hint (optional)'),
  scale: s('Thang đo', 'Scale'),
  maxLength: s('Số ký tự tối đa', 'Maximum characters'),
  remove: s('Xoá câu hỏi này', 'Remove this question'),
  id: s('Mã (dùng trong tệp xuất, phiếu giấy)', 'Id (used in exports and paper entry)'),
  idAuto: s('Tự tạo từ nội dung tiếng Việt cho đến khi sửa tay.', 'Made from the Vietnamese text until edited by hand.'),
  idKeep: s('Giữ nguyên mã để so sánh được với phiên bản trước.', 'Keep the id to stay comparable with the previous version.'),
  options: s('Các lựa chọn', 'Options'),
  multiple: s('Cho chọn nhiều', 'Several answers allowed'),
  minChoices: s('Chọn tối thiểu', 'At least'),
  maxChoices: s('Chọn tối đa', 'At most'),
  option: (n: number) => s(`Lựa chọn ${n}`, `Option ${n}`),
  optionId: s('Mã', 'Id'),
  optionUp: (n: number) => s(`Chuyển lựa chọn ${n} lên`, `Move option ${n} up`),
  optionDown: (n: number) => s(`Chuyển lựa chọn ${n} xuống`, `Move option ${n} down`),
  optionRemove: (n: number) => s(`Xoá lựa chọn ${n}`, `Remove option ${n}`),
  addOption: s('+ Thêm lựa chọn', '+ Add option'),
  pointsAnswers: s('Các mức điểm', 'Points answers'),
  pointsAnswer: (n: number) => s(`Mức ${n}`, `Answer ${n}`),
  pointsValue: s('Điểm', 'Points'),
  pointsRemove: (n: number) => s(`Xoá mức ${n}`, `Remove answer ${n}`),
  addPoints: s('+ Thêm mức điểm', '+ Add answer'),
  always: s('Luôn hiện (không có điều kiện)', 'Always shown (no condition)'),
  notEarlier: (id: string) => s(`"${id}" — không phải câu đứng trước`, `"${id}" — not an earlier question`),
  showWhen: s('Hiện câu này khi…', 'Show this question when…'),
  earlierQuestion: s('Câu hỏi trước', 'Earlier question'),
  comparison: s('So sánh', 'Comparison'),
  conditionAnswer: s('Câu trả lời', 'Answer'),
  onlyEarlier: s('Chỉ dựa được vào câu hỏi đứng trước; câu đầu tiên luôn hiện.', 'Only earlier questions can decide; the first question is always shown.'),
}

export function QuestionCard(props: Props) {
  const { question: q, path, def } = props
  const { tr, lang } = useField(path)
  const problems = useProblemsUnder(path)
  const set = (patch: Partial<BQuestion>) => props.onChange({ ...q, ...patch })
  const setText = (text: { vi: string; en: string }) => {
    if (q._auto && text.vi !== q.text.vi) {
      const taken = new Set(props.taken)
      taken.delete(q.id)
      props.onIdChange({ ...q, text, id: uniqueId(idFromText(text.vi) || 'cau-hoi', taken) }, q.id)
    } else set({ text })
  }
  const setType = (type: QType) => {
    const scale = Object.keys(def.scales)[0] ?? ''
    const next: BQuestion = { _k: q._k, _auto: q._auto, id: q.id, type, text: q.text, hint: q.hint, required: q.required, visibleIf: q.visibleIf }
    if (type === 'rating') next.scale = scale
    if (type === 'text') next.maxLength = 1000
    if (type === 'choice') {
      next.multiple = false
      next.options = q.options ?? []
    }
    if (type === 'points') next.points = q.points ?? [0, 1, 2].map((value) => ({ _k: newKey(), value, text: { vi: '', en: '' } }))
    props.onChange(next)
  }
  const summary = t(q.text, lang) || tr(text.noText)
  return (
    <li
      class={`question-card ${props.expanded ? 'open' : ''} ${props.drag.dragging ? 'dragging' : ''}`}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => (e.preventDefault(), props.drag.onDrop())}
    >
      <div class="question-head">
        <span
          class="handle"
          id={`handle-${q._k}`}
          draggable
          tabIndex={0}
          role="button"
          aria-label={tr(text.drag(props.number))}
          title={tr(text.dragTitle)}
          onDragStart={(e) => {
            e.dataTransfer?.setData('text/plain', q._k)
            props.drag.onDragStart()
          }}
          onKeyDown={(e) => {
            if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
              e.preventDefault()
              props.onMove(e.key === 'ArrowUp' ? -1 : 1)
            }
          }}
        >
          ⠿
        </span>
        <span class="q-number">{props.number}.</span>
        <button type="button" class="q-summary" aria-expanded={props.expanded} onClick={props.onToggle}>
          <span class="q-text">{summary}</span>
          <span class="q-meta">
            {tr(typeNames[q.type])}
            {q.required ? tr(text.required) : ''}
            {q.visibleIf ? tr(text.conditional) : ''}
            {props.counted ? tr(text.counted) : ''}
          </span>
        </button>
        {problems ? <span class="badge-problem">{tr(text.toFix(problems))}</span> : null}
        <span class="q-tools">
          <button type="button" class="secondary small" disabled={!props.canMoveUp} onClick={() => props.onMove(-1)} aria-label={tr(text.moveUp(props.number))}>
            ↑
          </button>
          <button type="button" class="secondary small" disabled={!props.canMoveDown} onClick={() => props.onMove(1)} aria-label={tr(text.moveDown(props.number))}>
            ↓
          </button>
        </span>
      </div>
      {props.expanded ? (
        <div class="question-body">
          <div class="row">
            <Select
              path={`${path}.type`}
              label={tr(text.type)}
              value={q.type}
              options={(Object.keys(typeNames) as QType[]).map((k) => ({ value: k, label: tr(typeNames[k]) }))}
              onChange={(v) => v && setType(v)}
            />
            <div class="field">
              <span class="label">{tr(text.answer)}</span>
              <label class="check">
                <input type="checkbox" checked={q.required} onChange={(e) => set({ required: (e.target as HTMLInputElement).checked })} /> {tr(text.requiredCheck)}
              </label>
            </div>
          </div>
          <TextPair path={`${path}.text`} label={text.question} value={q.text} onChange={setText} />
          <TextPair path={`${path}.hint`} label={text.hint} value={q.hint} onChange={(hint) => set({ hint })} />
          <IdField
            path={`${path}.id`}
            item={q}
            auto={q._auto}
            onChange={(id) => props.onChangeKeepingReferences({ ...q, id, _auto: false })}
            onCommit={(from, id) => props.onIdChange({ ...q, id, _auto: false }, from)}
          />
          {q.type === 'rating' ? (
            <Select
              path={`${path}.scale`}
              label={tr(text.scale)}
              value={q.scale ?? ''}
              options={[
                ...(q.scale && !def.scales[q.scale] ? [{ value: q.scale, label: q.scale }] : []),
                ...Object.entries(def.scales).map(([name, points]) => ({ value: name, label: points.map((p) => `${p.value} ${t(p.label, lang)}`).join(' · ') })),
              ]}
              onChange={(scale) => set({ scale })}
            />
          ) : null}
          {q.type === 'text' ? <NumberField path={`${path}.maxLength`} label={tr(text.maxLength)} value={q.maxLength} min={1} onInput={(maxLength) => set({ maxLength })} /> : null}
          {q.type === 'choice' ? <ChoiceOptions path={path} q={q} onChange={props.onChange} /> : null}
          {q.type === 'points' ? <PointsOptions path={path} q={q} onChange={props.onChange} /> : null}
          <ConditionField path={`${path}.visibleIf`} def={def} q={q} earlier={props.earlier} onChange={(visibleIf) => set({ visibleIf })} />
          <div class="actions-row">
            <button type="button" class="danger small" onClick={props.onRemove}>
              {tr(text.remove)}
            </button>
          </div>
        </div>
      ) : null}
    </li>
  )
}

/** The id, shown and editable until publish; while it follows the text, it says so. */
export function IdField({
  path,
  item,
  auto,
  onChange,
  onCommit,
}: {
  path: string
  item: { id: string }
  auto?: boolean
  onChange(id: string): void
  onCommit?(from: string, to: string): void
}) {
  const { tr } = useField(path)
  // References follow once the id is typed (on leaving the field), from the id it had when typing began:
  // the steps in between may pass through another question's id.
  const [from, setFrom] = useState(item.id)
  return (
    <div class="id-field">
      <TextField
        path={path}
        label={tr(text.id)}
        value={item.id}
        onInput={(v) => onChange(v.trim())}
        onFocus={() => setFrom(item.id)}
        onCommit={(to) => {
          onCommit?.(from, to)
          setFrom(to)
        }}
      />
      <p class="muted small">{tr(auto ? text.idAuto : text.idKeep)}</p>
    </div>
  )
}

function ChoiceOptions({ path, q, onChange }: { path: string; q: BQuestion; onChange(q: BQuestion): void }) {
  const { tr } = useField(path)
  const options = q.options ?? []
  const setOptions = (next: BOption[]) => onChange({ ...q, options: next })
  const taken = () => new Set(options.map((o) => o.id))
  return (
    <fieldset class="options-editor">
      <legend>{tr(text.options)}</legend>
      <label class="check">
        <input type="checkbox" checked={q.multiple ?? false} onChange={(e) => onChange({ ...q, multiple: (e.target as HTMLInputElement).checked })} /> {tr(text.multiple)}
      </label>
      {q.multiple ? (
        <div class="row">
          <NumberField path={`${path}.minChoices`} label={tr(text.minChoices)} value={q.minChoices} min={0} onInput={(minChoices) => onChange({ ...q, minChoices })} />
          <NumberField path={`${path}.maxChoices`} label={tr(text.maxChoices)} value={q.maxChoices} min={1} onInput={(maxChoices) => onChange({ ...q, maxChoices })} />
        </div>
      ) : null}
      <Problem path={`${path}.options`} />
      <Rows items={options} path={`${path}.options`} onChange={setOptions}>
        {(o, i, at, update) => (
          <>
            <TextPair
              path={`${at}.text`}
              label={text.option(i + 1)}
              value={o.text}
              onChange={(text) => {
                if (o._auto && text.vi !== o.text.vi) {
                  const t2 = taken()
                  t2.delete(o.id)
                  update({ text, id: uniqueId(idFromText(text.vi) || 'lua-chon', t2) })
                } else update({ text })
              }}
            />
            <div class="option-tools">
              <TextField path={`${at}.id`} label={tr(text.optionId)} value={o.id} onInput={(id) => update({ id: id.trim(), _auto: false })} />
              <button type="button" class="secondary small" disabled={i === 0} aria-label={tr(text.optionUp(i + 1))} onClick={() => setOptions(swap(options, i, i - 1))}>
                ↑
              </button>
              <button
                type="button"
                class="secondary small"
                disabled={i === options.length - 1}
                aria-label={tr(text.optionDown(i + 1))}
                onClick={() => setOptions(swap(options, i, i + 1))}
              >
                ↓
              </button>
              <RemoveButton label={tr(text.optionRemove(i + 1))} onClick={() => setOptions(removeAt(options, i))} />
            </div>
          </>
        )}
      </Rows>
      <button
        type="button"
        class="secondary small"
        onClick={() => setOptions([...options, { _k: newKey(), _auto: true, id: uniqueId('lua-chon', taken()), text: { vi: '', en: '' } }])}
      >
        {tr(text.addOption)}
      </button>
    </fieldset>
  )
}

function PointsOptions({ path, q, onChange }: { path: string; q: BQuestion; onChange(q: BQuestion): void }) {
  const { tr } = useField(path)
  const points = q.points ?? []
  const setPoints = (next: BPoint[]) => onChange({ ...q, points: next })
  return (
    <fieldset class="options-editor">
      <legend>{tr(text.pointsAnswers)}</legend>
      <Problem path={`${path}.options`} />
      <Rows items={points} path={`${path}.options`} onChange={setPoints}>
        {(o, i, at, update) => (
          <>
            <TextPair path={`${at}.text`} label={text.pointsAnswer(i + 1)} value={o.text} onChange={(text) => update({ text })} />
            <div class="option-tools">
              <NumberField path={`${at}.value`} label={tr(text.pointsValue)} value={o.value} min={0} onInput={(value) => update({ value })} />
              <RemoveButton label={tr(text.pointsRemove(i + 1))} onClick={() => setPoints(removeAt(points, i))} />
            </div>
          </>
        )}
      </Rows>
      <button type="button" class="secondary small" onClick={() => setPoints([...points, { _k: newKey(), value: points.length, text: { vi: '', en: '' } }])}>
        {tr(text.addPoints)}
      </button>
    </fieldset>
  )
}

const swap = <T,>(list: T[], a: number, b: number) => {
  const next = [...list]
  ;[next[a], next[b]] = [next[b]!, next[a]!]
  return next
}

type Op = Condition['op']
const opWords: Record<Op, LocalizedText> = {
  lte: s('từ mức này trở xuống (≤)', 'at or below (≤)'),
  gte: s('từ mức này trở lên (≥)', 'at or above (≥)'),
  eq: s('đúng bằng', 'is'),
  neq: s('khác', 'is not'),
  includes: s('có chọn', 'includes'),
}

/** "Show when …": an earlier question, a comparison and one of its answers, each chosen from a list. */
function ConditionField({ path, def, q, earlier, onChange }: { path: string; def: BDef; q: BQuestion; earlier: BQuestion[]; onChange(c: Condition | undefined): void }) {
  const { tr, lang } = useField(path)
  const usable = earlier.filter((x) => x.type !== 'text')
  const c = q.visibleIf
  const on = c ? usable.find((x) => x.id === c.question) : undefined
  const answersOf = (x: BQuestion): Array<{ value: string; label: string }> =>
    x.type === 'rating'
      ? (def.scales[x.scale ?? ''] ?? []).map((p) => ({ value: String(p.value), label: `${p.value} — ${t(p.label, lang)}` }))
      : x.type === 'points'
        ? (x.points ?? []).map((p) => ({ value: String(p.value), label: `${p.value} — ${t(p.text, lang)}` }))
        : (x.options ?? []).map((o) => ({ value: o.id, label: t(o.text, lang) || o.id }))
  const opsOf = (x: BQuestion): Op[] => (x.type === 'choice' ? (x.multiple ? ['includes'] : ['eq', 'neq']) : ['lte', 'gte', 'eq', 'neq'])
  const start = (id: string) => {
    const x = usable.find((y) => y.id === id)
    if (!x) return onChange(undefined)
    const first = answersOf(x)[0]
    const value = x.type === 'choice' ? (first?.value ?? '') : Number(first?.value ?? 0)
    onChange({ question: x.id, op: opsOf(x)[0]!, value })
  }
  const questionChoices = [
    { value: '', label: tr(text.always) },
    ...(c && !on ? [{ value: c.question, label: tr(text.notEarlier(c.question)) }] : []),
    ...usable.map((x) => ({ value: x.id, label: `${earlier.indexOf(x) + 1}. ${t(x.text, lang) || x.id}` })),
  ]
  return (
    <fieldset class="condition">
      <legend>{tr(text.showWhen)}</legend>
      <div class="row">
        <Select path={`${path}.question`} label={tr(text.earlierQuestion)} value={c?.question ?? ''} options={questionChoices} onChange={(id) => start(id)} />
        {c && on ? (
          <>
            <Select
              path={`${path}.op`}
              label={tr(text.comparison)}
              value={c.op}
              options={opsOf(on).map((op) => ({ value: op, label: tr(opWords[op]) }))}
              onChange={(op) => op && onChange({ ...c, op })}
            />
            <Select
              path={`${path}.value`}
              label={tr(text.conditionAnswer)}
              value={String(c.value)}
              options={answersOf(on)}
              onChange={(v) => onChange({ ...c, value: on.type === 'choice' ? v : Number(v) })}
            />
          </>
        ) : null}
      </div>
      {!usable.length ? <p class="muted small">{tr(text.onlyEarlier)}</p> : null}
      <Problem path={path} />
    </fieldset>
  )
}
