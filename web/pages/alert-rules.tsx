import { DeskSelect } from '../components/desk-select.tsx'
import { useEffect, useState } from 'preact/hooks'
import { SelectField, TextField } from '../components/field.tsx'
import { FormError } from '../components/form-error.tsx'
import { useAction } from '../hooks/use-action.ts'
import { LoadError } from '../components/load-error.tsx'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { client, type Res } from '../lib/client.ts'
import type { LocalizedText } from '../../server/domain/text.ts'
import { ALERT_KIND_TEXT } from '../../server/domain/vocabulary.ts'
import { s, strings } from '../lib/strings.ts'

type Rule = Res<typeof client.api.v1.alerts.rules.$get>['rules'][number]

/** Each parameter in words; shares are edited in per cent. */
const paramText: Record<string, { label: LocalizedText; percent?: boolean }> = {
  windowMinutes: { label: s('Trong khoảng (phút)', 'Within (minutes)') },
  share: { label: s('Tỷ lệ không hài lòng từ (%)', 'Unhappy share from (%)'), percent: true },
  minCount: { label: s('Ít nhất số đánh giá', 'At least this many ratings') },
  maxRating: { label: s('Không hài lòng là từ mức này trở xuống (1–4)', 'Unhappy means this level or below (1–4)') },
  tabletMinutes: { label: s('Máy không liên lạc quá (phút)', 'Tablet unheard for over (minutes)') },
  deskMinutes: { label: s('Quầy không có đánh giá quá (phút)', 'No rating at the desk for over (minutes)') },
  days: { label: s('Chỉ số của số ngày gần nhất', 'Index of the last days') },
  previousWeeks: { label: s('So với số tuần trước đó', 'Against the weeks before') },
  dropPoints: { label: s('Giảm từ (điểm)', 'Drop of at least (points)') },
  runLength: { label: s('Số đánh giá liên tiếp', 'Ratings in a row') },
  minRating: { label: s('Từ mức (4–5)', 'At level (4–5) or above') },
}

const text = {
  alertRules: s('Quy tắc cảnh báo', 'Alert rules'),
  intro: s(
    'Mỗi quy tắc áp dụng cho quầy, cơ quan và các đơn vị cấp dưới; chỗ nào chưa đặt riêng thì theo cấp trên, rồi theo mặc định.',
    'Each rule applies to a desk, an agency and the agencies below it; where not set, the level above applies, then the default.',
  ),
  wholeAgency: s('Cả cơ quan', 'The whole agency'),
  on: s('Bật', 'On'),
  saveHere: s('Lưu cho phạm vi này', 'Save for this scope'),
  inherit: s('Bỏ thiết lập riêng, theo cấp trên', 'Remove this setting, follow the level above'),
}

/** Alert rules for the whole deployment, an agency or a desk: each inherits from above until set here. */
export function AlertRulesPage() {
  const { tr, auth } = useApp()
  const meta = useGet(client.api.v1.dashboard.meta)
  const isAdmin = auth?.user.role === 'admin'
  const [agency, setAgency] = useState(isAdmin ? '' : (auth?.user.agency?.code ?? ''))
  const [deskId, setDeskId] = useState('')
  const live = useGet(agency ? client.api.v1.live : null, { query: { agency } })
  const desks = (live.data?.desks ?? []).filter((d) => d.agency.code === agency)
  const query = deskId ? { deskId } : agency ? { agency } : {}
  const rules = useGet(client.api.v1.alerts.rules, { query })
  const canEdit = auth?.user.role !== 'viewer' && (isAdmin || agency !== '')
  return (
    <>
      <h1>{tr(text.alertRules)}</h1>
      <p class="muted">{tr(text.intro)}</p>
      <div class="filters">
        <SelectField
          id="rule-agency"
          label={tr(strings.agency)}
          value={agency}
          onValue={(code) => {
            setAgency(code)
            setDeskId('')
          }}
        >
          {isAdmin ? <option value="">{tr(strings.wholeScope(meta.data))}</option> : null}
          {meta.data?.agencies.map((a) => (
            <option key={a.code} value={a.code}>
              {a.name}
            </option>
          ))}
        </SelectField>
        {agency ? <DeskSelect id="rule-desk" desks={desks} value={deskId} onChange={setDeskId} allLabel={text.wholeAgency} /> : null}
      </div>
      {rules.error ? <LoadError error={rules.error} /> : null}
      <div class="rule-grid">
        {rules.data?.rules.map((r) => (
          <RuleForm
            key={`${JSON.stringify(query)}-${r.kind}-${r.source}-${JSON.stringify(r.params)}`}
            rule={r}
            scope={{ agency: agency || undefined, deskId: deskId ? Number(deskId) : undefined }}
            canEdit={canEdit}
            onSaved={rules.reload}
          />
        ))}
      </div>
    </>
  )
}

function RuleForm({ rule, scope, canEdit, onSaved }: { rule: Rule; scope: { agency?: string; deskId?: number }; canEdit: boolean; onSaved(): void }) {
  const { tr } = useApp()
  const action = useAction()
  const [enabled, setEnabled] = useState(rule.enabled)
  const [values, setValues] = useState<Record<string, string>>({})
  const [saved, setSaved] = useState(false)
  useEffect(() => {
    setValues(Object.fromEntries(Object.entries(rule.params).map(([k, v]) => [k, String(paramText[k]?.percent ? Math.round(v * 100) : v)])))
    setEnabled(rule.enabled)
  }, [rule])
  const save = async (e: Event) => {
    e.preventDefault()
    setSaved(false)
    const params = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, paramText[k]?.percent ? Number(v) / 100 : Number(v)]))
    const r = await action.call((c) => c.api.v1.alerts.rules.$put({ json: { kind: rule.kind, ...scope, enabled, params } }))
    if (r) {
      setSaved(true)
      onSaved()
    }
  }
  // enabled and params are the schema's defaults, which the server ignores when inheriting.
  const inherit = async () => {
    const r = await action.call((c) => c.api.v1.alerts.rules.$put({ json: { kind: rule.kind, ...scope, inherit: true, enabled: true, params: {} } }))
    if (r) onSaved()
  }
  const id = (k: string) => `rule-${rule.kind}-${k}`
  return (
    <form class="card rule-form" onSubmit={save}>
      <h2>{tr(ALERT_KIND_TEXT[rule.kind])}</h2>
      <p class="muted">{tr(rule.sourceText)}</p>
      <label class="check">
        <input type="checkbox" checked={enabled} disabled={!canEdit} onChange={(e) => setEnabled((e.target as HTMLInputElement).checked)} /> {tr(text.on)}
      </label>
      <div class="rule-params">
        {Object.keys(rule.params).map((k) => (
          <TextField
            key={k}
            id={id(k)}
            label={paramText[k] ? tr(paramText[k].label) : k}
            name={`params.${k}`}
            error={action.error}
            type="number"
            inputMode="numeric"
            value={values[k] ?? ''}
            disabled={!canEdit}
            onValue={(v) => setValues({ ...values, [k]: v })}
          />
        ))}
      </div>
      <FormError error={action.error && !Object.keys(action.error.fields).some((f) => f.startsWith('params.')) ? action.error : null} />
      {canEdit ? (
        <div class="actions-row">
          <button type="submit" disabled={action.busy}>
            {tr(text.saveHere)}
          </button>
          {rule.setHere ? (
            <button type="button" class="secondary" disabled={action.busy} onClick={inherit}>
              {tr(text.inherit)}
            </button>
          ) : null}
          {saved ? <span role="status">{tr(strings.saved)}</span> : null}
        </div>
      ) : null}
    </form>
  )
}
