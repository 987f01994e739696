import type { ComponentChildren } from 'preact'
import { t } from '../lib/i18n.ts'
import { s } from '../lib/strings.ts'
import { fieldId, NumberField, Problem, RemoveButton, Rows, Select, TextPair, useField } from './fields.tsx'
import { IdField } from './question-card.tsx'
import { allQuestions, idFromText, newKey, removeAt, uniqueId, type BDef, type BElement, type BPoints, type BShare } from './model.ts'

const text = {
  gone: (id: string) => s(`"${id}" (không còn trong phiếu)`, `"${id}" (no longer in the survey)`),
  indexRule: s('Cách tính chỉ số', 'Index rule'),
  method: s('Phương pháp', 'Method'),
  share: s('Tỷ lệ hài lòng (SIPAS, đánh giá nhanh)', 'Share satisfied (SIPAS, quick rating)'),
  points: s('Tổng điểm (Thông tư 01/2018)', 'Total points (Circular 01/2018)'),
  satisfiedValues: s('Mức được tính là hài lòng', 'Values counted as satisfied'),
  criteria: s('Tiêu chí (câu chấm mức hài lòng tính vào chỉ số)', 'Criteria (ratings that count in the index)'),
  indexIs: s('Chỉ số tính theo', 'The index is'),
  oneHeadline: s('một câu hỏi chính', 'one headline question'),
  weightedElements: s('các yếu tố có trọng số', 'weighted elements'),
  headlineQuestion: s('Câu hỏi chính', 'Headline question'),
  reasonsQuestion: s('Câu lý do chưa hài lòng', 'Reasons question'),
  expectationsQuestion: s('Câu mong muốn cải thiện', 'Expectations question'),
  none: s('(không có)', '(none)'),
  indicators: s('Chỉ tiêu (câu chấm điểm cộng vào tổng)', 'Indicators (points questions summed)'),
  decimals: s('Số chữ số thập phân', 'Decimals'),
  minimum: s('Phiếu tối thiểu', 'Least a response must hold'),
  minimumOn: s('Chỉ nhận phiếu trả lời đủ số câu tính điểm', 'Only take responses that answer enough scored questions'),
  scoredAnswers: s('Số câu tính điểm tối thiểu', 'Scored answers at least'),
  minimumOff: s('Không chọn: phiếu cần ít nhất một câu tính điểm.', 'Unset: a response needs at least one scored answer.'),
  elements: s('Các yếu tố', 'Elements'),
  element: (n: number) => s(`Yếu tố ${n}`, `Element ${n}`),
  weight: s('Trọng số', 'Weight'),
  removeElement: (n: number) => s(`Xoá yếu tố ${n}`, `Remove element ${n}`),
  elementCriteria: s('Tiêu chí của yếu tố', 'Criteria of the element'),
  addElement: s('+ Thêm yếu tố', '+ Add element'),
}

/**
 * Which questions count in the index and how: the satisfied values and the headline or weighted elements
 * (share instruments), or the indicators (points instruments). Questions are picked, never typed.
 */
export function IndexRuleEditor({ def, onChange, onMinimum }: { def: BDef; onChange(index: BShare | BPoints): void; onMinimum(m: BDef['minimum']): void }) {
  const { tr, lang } = useField('index')
  const questions = allQuestions(def)
  const label = (id: string) => {
    const q = questions.find((x) => x.id === id)
    return q ? t(q.text, lang) || q.id : tr(text.gone(id))
  }
  const rules = def.index
  const toggle = (list: string[], id: string, on: boolean) => (on ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id))
  /** The questions of one type as checkboxes (the criteria, the indicators), ticked when chosen. */
  const checks = (path: string, legend: string, type: 'rating' | 'points', chosen: string[], set: (ids: string[]) => void, problems?: ComponentChildren) => (
    <fieldset class="checks" id={fieldId(path)} tabIndex={-1}>
      <legend>{legend}</legend>
      {questions
        .filter((q) => q.type === type)
        .map((q) => (
          <label class="check" key={q._k}>
            <input type="checkbox" checked={chosen.includes(q.id)} onChange={(e) => set(toggle(chosen, q.id, (e.target as HTMLInputElement).checked))} /> {t(q.text, lang) || q.id}
          </label>
        ))}
      {problems}
      <Problem path={path} />
    </fieldset>
  )
  return (
    <section class="card" aria-labelledby="index-rule" id={fieldId('index')} tabIndex={-1}>
      <h2 id="index-rule">{tr(text.indexRule)}</h2>
      <Problem path="index" />
      <Select
        path="index.method"
        label={tr(text.method)}
        value={rules.method}
        options={[
          { value: 'share', label: tr(text.share) },
          { value: 'points', label: tr(text.points) },
        ]}
        onChange={(m) =>
          m && m !== rules.method && onChange(m === 'points' ? { method: 'points', indicators: [], decimals: 1 } : { method: 'share', satisfiedValues: [4, 5], criteria: [] })
        }
      />
      {rules.method === 'share' ? (
        <>
          <fieldset class="checks">
            <legend>{tr(text.satisfiedValues)}</legend>
            {[...new Set(Object.values(def.scales).flatMap((s) => s.map((p) => p.value)))]
              .sort((a, b) => a - b)
              .map((v) => (
                <label class="check" key={v}>
                  <input
                    type="checkbox"
                    checked={rules.satisfiedValues.includes(v)}
                    onChange={(e) =>
                      onChange({
                        ...rules,
                        satisfiedValues: (e.target as HTMLInputElement).checked ? [...rules.satisfiedValues, v].sort() : rules.satisfiedValues.filter((x) => x !== v),
                      })
                    }
                  />{' '}
                  {v}
                </label>
              ))}
            <Problem path="index.satisfiedValues" />
          </fieldset>
          {checks(
            'index.criteria',
            tr(text.criteria),
            'rating',
            rules.criteria,
            (criteria) => onChange({ ...rules, criteria }),
            rules.criteria.map((id, i) => <Problem key={id} path={`index.criteria.${i}`} />),
          )}
          <div class="field">
            <span class="label">{tr(text.indexIs)}</span>
            <label class="check">
              <input type="radio" name="index-kind" checked={!rules.elements} onChange={() => onChange({ ...rules, elements: undefined, headline: rules.criteria[0] ?? '' })} />{' '}
              {tr(text.oneHeadline)}
            </label>
            <label class="check">
              <input type="radio" name="index-kind" checked={!!rules.elements} onChange={() => onChange({ ...rules, headline: undefined, elements: rules.elements ?? [] })} />{' '}
              {tr(text.weightedElements)}
            </label>
          </div>
          {!rules.elements ? (
            <Select
              path="index.headline"
              label={tr(text.headlineQuestion)}
              value={rules.headline ?? ''}
              options={[{ value: '', label: '—' }, ...rules.criteria.map((id) => ({ value: id, label: label(id) }))]}
              onChange={(headline) => onChange({ ...rules, headline })}
            />
          ) : (
            <Elements rules={rules} label={label} onChange={onChange} />
          )}
          <div class="row">
            {(['reasons', 'expectations'] as const).map((part) => (
              <Select
                key={part}
                path={`index.${part}`}
                label={part === 'reasons' ? tr(text.reasonsQuestion) : tr(text.expectationsQuestion)}
                value={rules[part] ?? ''}
                options={[{ value: '', label: tr(text.none) }, ...questions.filter((q) => q.type === 'choice').map((q) => ({ value: q.id, label: t(q.text, lang) || q.id }))]}
                onChange={(id) => onChange({ ...rules, [part]: id || undefined })}
              />
            ))}
          </div>
        </>
      ) : (
        <>
          {checks('index.indicators', tr(text.indicators), 'points', rules.indicators, (indicators) => onChange({ ...rules, indicators }))}
          <NumberField path="index.decimals" label={tr(text.decimals)} value={rules.decimals} min={0} onInput={(decimals) => onChange({ ...rules, decimals })} />
        </>
      )}
      <fieldset class="checks">
        <legend>{tr(text.minimum)}</legend>
        <label class="check">
          <input type="checkbox" checked={!!def.minimum} onChange={(e) => onMinimum((e.target as HTMLInputElement).checked ? { scoredAnswers: 1 } : undefined)} />{' '}
          {tr(text.minimumOn)}
        </label>
        {def.minimum ? (
          <NumberField
            path="minimum.scoredAnswers"
            label={tr(text.scoredAnswers)}
            value={def.minimum.scoredAnswers}
            min={1}
            onInput={(scoredAnswers) => onMinimum({ scoredAnswers })}
          />
        ) : (
          <p class="muted small">{tr(text.minimumOff)}</p>
        )}
      </fieldset>
    </section>
  )
}

function Elements({ rules, label, onChange }: { rules: BShare; label(id: string): string; onChange(r: BShare): void }) {
  const { tr } = useField('index.elements')
  const elements = rules.elements ?? []
  const set = (next: BElement[]) => onChange({ ...rules, elements: next })
  return (
    <fieldset class="elements">
      <legend>{tr(text.elements)}</legend>
      <Rows items={elements} path="index.elements" onChange={set} class="option-row element">
        {(e, i, at, update) => (
          <>
            <TextPair
              path={`${at}.text`}
              label={text.element(i + 1)}
              value={e.text}
              onChange={(text) => update(e._auto ? { text, id: uniqueId(idFromText(text.vi) || 'yeu-to', new Set(elements.filter((x) => x !== e).map((x) => x.id))) } : { text })}
            />
            <div class="option-tools">
              <IdField path={`${at}.id`} item={e} auto={e._auto} onChange={(id) => update({ id, _auto: false })} />
              <NumberField path={`${at}.weight`} label={tr(text.weight)} value={e.weight} min={0} step={0.1} onInput={(weight) => update({ weight })} />
              <RemoveButton label={tr(text.removeElement(i + 1))} onClick={() => set(removeAt(elements, i))} />
            </div>
            <fieldset class="checks">
              <legend>{tr(text.elementCriteria)}</legend>
              {rules.criteria.map((id) => (
                <label class="check" key={id}>
                  <input
                    type="checkbox"
                    checked={e.criteria.includes(id)}
                    onChange={(ev) => update({ criteria: (ev.target as HTMLInputElement).checked ? [...e.criteria, id] : e.criteria.filter((x) => x !== id) })}
                  />{' '}
                  {label(id)}
                </label>
              ))}
              <Problem path={`${at}.criteria`} />
            </fieldset>
          </>
        )}
      </Rows>
      <button
        type="button"
        class="secondary small"
        onClick={() =>
          set([...elements, { _k: newKey(), _auto: true, id: uniqueId('yeu-to', new Set(elements.map((x) => x.id))), text: { vi: '', en: '' }, weight: 1, criteria: [] }])
        }
      >
        {tr(text.addElement)}
      </button>
    </fieldset>
  )
}
