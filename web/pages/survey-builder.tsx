import { useEffect, useMemo, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso'
import { checkDefinition, type DefinitionProblem } from '../../server/domain/definition-problems.ts'
import { SurveyDefinition } from '../../server/domain/survey-definition.ts'
import { diffDefinitions } from '../../server/domain/survey-diff.ts'
import '../builder/builder.css'
import { Builder, fieldId, TextField, TextPair } from '../builder/fields.tsx'
import { IndexRuleEditor } from '../builder/index-rule.tsx'
import { JsonPanel } from '../builder/json-panel.tsx'
import { allQuestions, dropReferences, fromDefinition, move, newKey, renameReferences, toDefinition, uniqueId, type BDef, type BQuestion } from '../builder/model.ts'
import { Preview } from '../builder/preview.tsx'
import { ProblemList, PublishReview } from '../builder/publish-review.tsx'
import { QuestionCard } from '../builder/question-card.tsx'
import { ScalesEditor } from '../builder/scales.tsx'
import { FormError } from '../components/form-error.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { client, type Res } from '../lib/client.ts'
import { formatTime } from '../lib/format.ts'
import { s, strings } from '../lib/strings.ts'

const text = {
  noSuchVersion: s('Không có phiên bản phiếu này.', 'No such survey version.'),
  published: (version: number) => s(`Phiên bản ${version} đã ban hành, không sửa được. `, `Version ${version} is published and cannot change. `),
  newVersion: s('Tạo phiên bản mới từ danh sách', 'Create a new version from the list'),
  version: s('phiên bản', 'version'),
  surveys: s('← Danh sách phiếu', '← Surveys'),
  surveyBuilder: s('Soạn phiếu', 'Survey builder'),
  draft: s('Nháp', 'Draft'),
  copiedFrom: (name: string) => s(`Sao chép từ ${name}`, `Copied from ${name}`),
  unsaved: s('Có thay đổi chưa lưu', 'Unsaved changes'),
  savedAt: (time: string) => s(`Đã lưu lúc ${time}`, `Saved at ${time}`),
  problems: (n: number) => s(`Còn ${n} chỗ cần sửa`, `${n} problem(s) to fix`),
  noProblems: s('Không có lỗi', 'No problems'),
  saveDraft: s('Lưu nháp', 'Save draft'),
  publish: s('Ban hành…', 'Publish…'),
  refused: (n: number) => s(`Chưa ban hành được: còn ${n} chỗ cần sửa`, `Not published: ${n} problem(s) to fix`),
  general: s('Thông tin chung', 'General'),
  title: s('Tên phiếu', 'Survey title'),
  page: (n: number) => s(`Trang ${n}`, `Page ${n}`),
  pageUp: (n: number) => s(`Chuyển trang ${n} lên`, `Move page ${n} up`),
  pageDown: (n: number) => s(`Chuyển trang ${n} xuống`, `Move page ${n} down`),
  removePage: s('Xoá trang', 'Remove page'),
  pageId: s('Mã trang', 'Page id'),
  pageTitle: s('Tiêu đề trang (không bắt buộc)', 'Page title (optional)'),
  emptyPage: s('Trang cần ít nhất một câu hỏi', 'A page needs at least one question'),
  addQuestion: (n: number) => s(`+ Thêm câu hỏi vào trang ${n}`, `+ Add a question to page ${n}`),
  addPage: s('+ Thêm trang', '+ Add a page'),
  toFix: s('Cần sửa trước khi ban hành', 'To fix before publishing'),
}

type Loaded = Res<(typeof client.api.v1.admin.surveys)[':id']['$get']>

/** The survey builder's route: one draft version, loaded, then edited in its own state. */
export function SurveyBuilderPage({ id }: { id: string }) {
  const { tr } = useApp()
  const loaded = useGet(client.api.v1.admin.surveys[':id'], { param: { id: encodeURIComponent(id) } })
  if (loaded.error) return <p class="form-error">{tr(text.noSuchVersion)}</p>
  if (!loaded.data) return <p aria-busy="true">{tr(strings.loading)}</p>
  if (loaded.data.status !== 'draft')
    return (
      <p class="form-error">
        {tr(text.published(loaded.data.version))}
        <a href="/admin/surveys">{tr(text.newVersion)}</a>
      </p>
    )
  return <SurveyBuilder key={loaded.data.id} loaded={loaded.data} />
}

type Phase = { name: 'edit' } | { name: 'refused'; problems: DefinitionProblem[] } | { name: 'review' }

function SurveyBuilder({ loaded }: { loaded: Loaded }) {
  const { lang, tr, auth } = useApp()
  const { route } = useLocation()
  const action = useAction()
  const [def, setDef] = useState<BDef>(() => fromDefinition({ ...(loaded.definition as object), instrument: loaded.instrument, version: loaded.version }))
  const [dirty, setDirty] = useState(false)
  const [savedAt, setSavedAt] = useState<Date | null>(null)
  const [expanded, setExpanded] = useState<Set<string>>(new Set())
  const [dragging, setDragging] = useState<string | null>(null)
  const [phase, setPhase] = useState<Phase>({ name: 'edit' })
  const [focusNext, setFocusNext] = useState<string | null>(null)

  const definition = useMemo(() => toDefinition(def), [def])
  const check = useMemo(() => checkDefinition(definition), [definition])
  const problems = check.ok ? [] : check.problems
  const problemMap = useMemo(() => new Map(problems.map((p) => [p.path, p])), [problems])
  const [lastValid, setLastValid] = useState(check.ok ? check.definition : null)
  useEffect(() => {
    if (check.ok) setLastValid(check.definition)
  }, [check])
  const base = useMemo(() => {
    const parsed = loaded.base ? SurveyDefinition.safeParse(loaded.base.definition) : null
    return parsed?.success ? parsed.data : null
  }, [loaded])
  const baseName = loaded.base ? `${tr(text.version)} ${(loaded.base.definition as { version?: number }).version ?? ''}` : null
  const changes = useMemo(() => (check.ok && base ? diffDefinitions(base, check.definition) : []), [check, base])

  useEffect(() => {
    if (!focusNext) return
    document.getElementById(focusNext)?.focus()
    setFocusNext(null)
  })

  const update = (fn: (b: BDef) => BDef) => {
    setDef((b) => fn(b))
    setDirty(true)
    if (phase.name !== 'edit') setPhase({ name: 'edit' })
  }
  const taken = new Set(allQuestions(def).map((q) => q.id))
  const setQuestion = (p: number, i: number, q: BQuestion) =>
    update((b) => ({ ...b, pages: b.pages.map((pg, j) => (j === p ? { ...pg, questions: pg.questions.map((x, k) => (k === i ? q : x)) } : pg)) }))
  /** Moves a question one place, across the page boundary when it is first or last on its page. */
  const moveQuestion = (p: number, i: number, by: -1 | 1) =>
    update((b) => {
      const pages = b.pages.map((pg) => ({ ...pg, questions: [...pg.questions] }))
      const q = pages[p]!.questions[i]!
      const to = i + by
      if (to >= 0 && to < pages[p]!.questions.length) pages[p]!.questions = move(pages[p]!.questions, i, to)
      else if (pages[p + by]) {
        pages[p]!.questions.splice(i, 1)
        if (by < 0) pages[p + by]!.questions.push(q)
        else pages[p + by]!.questions.unshift(q)
      }
      setFocusNext(`handle-${q._k}`)
      return { ...b, pages }
    })
  const dropOn = (p: number, i: number) => {
    const key = dragging
    setDragging(null)
    if (!key) return
    update((b) => {
      const pages = b.pages.map((pg) => ({ ...pg, questions: pg.questions.filter((q) => q._k !== key) }))
      const q = allQuestions(b).find((x) => x._k === key)
      if (!q) return b
      const target = b.pages[p]!.questions[i]
      const at = target ? pages[p]!.questions.findIndex((x) => x._k === target._k) : pages[p]!.questions.length
      pages[p]!.questions.splice(at < 0 ? pages[p]!.questions.length : at, 0, q)
      return { ...b, pages }
    })
  }
  const addQuestion = (p: number) => {
    const k = newKey()
    update((b) => {
      const id = uniqueId('cau-hoi', new Set(allQuestions(b).map((q) => q.id)))
      const q: BQuestion = { _k: k, _auto: true, id, type: 'choice', text: { vi: '', en: '' }, required: false, multiple: false, options: [] }
      return { ...b, pages: b.pages.map((pg, j) => (j === p ? { ...pg, questions: [...pg.questions, q] } : pg)) }
    })
    setExpanded((s) => new Set([...s, k]))
    setFocusNext(`${fieldId(`pages.${p}.questions.${def.pages[p]!.questions.length}.type`)}`)
  }
  const removeQuestion = (p: number, i: number) =>
    update((b) => {
      const q = b.pages[p]!.questions[i]!
      return dropReferences({ ...b, pages: b.pages.map((pg, j) => (j === p ? { ...pg, questions: pg.questions.filter((_, k) => k !== i) } : pg)) }, q.id)
    })
  const goTo = (path: string) => {
    const m = /^pages\.(\d+)\.questions\.(\d+)/.exec(path)
    const q = m ? def.pages[Number(m[1])]?.questions[Number(m[2])] : undefined
    if (q) setExpanded((s) => new Set([...s, q._k]))
    // The field itself, else the nearest part of it on screen.
    const parts = path.split('.')
    setTimeout(() => {
      for (let n = parts.length; n > 0; n--) {
        const el = document.getElementById(fieldId(parts.slice(0, n).join('.')))
        if (el) return el.focus()
      }
    })
  }

  const save = async () => {
    const r = await action.run<{ ok: true; problems: DefinitionProblem[] }>('PUT', `/api/v1/admin/surveys/${loaded.id}`, { definition })
    if (r) {
      setDirty(false)
      setSavedAt(new Date())
    }
    return r
  }
  const startPublish = async () => {
    const r = await save()
    if (!r) return
    setPhase(r.problems.length ? { name: 'refused', problems: r.problems } : { name: 'review' })
  }
  const [reasonError, setReasonError] = useState<string | undefined>()
  const publish = async (reason: string) => {
    setReasonError(undefined)
    const r = await action.run('POST', `/api/v1/admin/surveys/${loaded.id}/publish`, reason.trim() ? { reason } : {})
    if (r) route(`/admin/surveys?published=${encodeURIComponent(loaded.key)}`)
  }
  useEffect(() => {
    if (action.error?.fields.reason) setReasonError(action.error.fields.reason)
  }, [action.error])

  let number = 0
  const flat = allQuestions(def)
  return (
    <Builder.Provider value={{ problems: problemMap, lang }}>
      <div class="builder">
        <header class="builder-head">
          <div>
            <p class="muted small">
              <a href="/admin/surveys">{tr(text.surveys)}</a>
            </p>
            <h1>
              {tr(text.surveyBuilder)}: {tr(def.title) || loaded.instrument} — {tr(text.version)} {loaded.version} <span class="status-draft">{tr(text.draft)}</span>
            </h1>
            {baseName ? <p class="muted small">{tr(text.copiedFrom(baseName))}</p> : null}
          </div>
          <div class="builder-actions">
            <p class="save-state" role="status">
              {dirty ? tr(text.unsaved) : savedAt ? tr(text.savedAt(formatTime(savedAt, lang, auth?.timeZone))) : ''}
            </p>
            <p class={problems.length ? 'problem-count' : 'ok-count'}>{problems.length ? tr(text.problems(problems.length)) : tr(text.noProblems)}</p>
            <button type="button" class="secondary" disabled={action.busy} onClick={save}>
              {tr(text.saveDraft)}
            </button>
            <button type="button" disabled={action.busy} onClick={startPublish}>
              {tr(text.publish)}
            </button>
          </div>
        </header>
        <FormError error={action.error && !action.error.fields.reason ? action.error : null} />
        {phase.name === 'refused' ? <ProblemList problems={phase.problems} lang={lang} onGo={goTo} title={tr(text.refused(phase.problems.length))} live /> : null}
        {phase.name === 'review' ? (
          <PublishReview
            lang={lang}
            basedOn={baseName}
            changes={changes}
            busy={action.busy}
            reasonError={reasonError}
            onPublish={publish}
            onCancel={() => setPhase({ name: 'edit' })}
          />
        ) : null}
        <div class="builder-grid">
          <div class="builder-editor">
            <section class="card" aria-labelledby="general">
              <h2 id="general">{tr(text.general)}</h2>
              <TextPair path="title" label={text.title} value={def.title} onChange={(title) => update((b) => ({ ...b, title }))} />
            </section>
            {def.pages.map((page, p) => (
              <section class="card page-card" key={page._k} aria-labelledby={`page-${page._k}`}>
                <div class="page-head">
                  <h2 id={`page-${page._k}`}>{tr(text.page(p + 1))}</h2>
                  <span class="q-tools">
                    <button
                      type="button"
                      class="secondary small"
                      disabled={p === 0}
                      onClick={() => update((b) => ({ ...b, pages: move(b.pages, p, p - 1) }))}
                      aria-label={tr(text.pageUp(p + 1))}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      class="secondary small"
                      disabled={p === def.pages.length - 1}
                      onClick={() => update((b) => ({ ...b, pages: move(b.pages, p, p + 1) }))}
                      aria-label={tr(text.pageDown(p + 1))}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      class="danger small"
                      disabled={def.pages.length === 1}
                      onClick={() => update((b) => page.questions.reduce((acc, q) => dropReferences(acc, q.id), { ...b, pages: b.pages.filter((_, j) => j !== p) }))}
                    >
                      {tr(text.removePage)}
                    </button>
                  </span>
                </div>
                <div class="row">
                  <TextField
                    path={`pages.${p}.id`}
                    label={tr(text.pageId)}
                    value={page.id}
                    onInput={(id) => update((b) => ({ ...b, pages: b.pages.map((x, j) => (j === p ? { ...x, id: id.trim() } : x)) }))}
                  />
                </div>
                <TextPair
                  path={`pages.${p}.title`}
                  label={text.pageTitle}
                  value={page.title}
                  onChange={(title) => update((b) => ({ ...b, pages: b.pages.map((x, j) => (j === p ? { ...x, title } : x)) }))}
                />
                <ol class="question-list" onDragOver={(e) => e.preventDefault()} onDrop={(e) => (e.preventDefault(), dragging && dropOn(p, page.questions.length))}>
                  {page.questions.map((q, i) => {
                    number++
                    const g = number - 1
                    const counted = def.index.method === 'points' ? def.index.indicators.includes(q.id) : def.index.criteria.includes(q.id)
                    return (
                      <QuestionCard
                        key={q._k}
                        def={def}
                        path={`pages.${p}.questions.${i}`}
                        number={number}
                        question={q}
                        earlier={flat.slice(0, g)}
                        taken={taken}
                        counted={counted}
                        expanded={expanded.has(q._k)}
                        onToggle={() => setExpanded((s) => (s.has(q._k) ? new Set([...s].filter((k) => k !== q._k)) : new Set([...s, q._k])))}
                        onChange={(next) => setQuestion(p, i, next)}
                        onIdChange={(next, from) =>
                          update((b) =>
                            renameReferences(
                              { ...b, pages: b.pages.map((pg, j) => (j === p ? { ...pg, questions: pg.questions.map((x, k) => (k === i ? next : x)) } : pg)) },
                              from,
                              next.id,
                              next._k,
                            ),
                          )
                        }
                        onChangeKeepingReferences={(next) => setQuestion(p, i, next)}
                        onRemove={() => removeQuestion(p, i)}
                        onMove={(by) => moveQuestion(p, i, by)}
                        canMoveUp={g > 0}
                        canMoveDown={g < flat.length - 1}
                        drag={{ onDragStart: () => setDragging(q._k), onDrop: () => dropOn(p, i), dragging: dragging === q._k }}
                      />
                    )
                  })}
                </ol>
                {page.questions.length === 0 ? <p class="field-problem">{tr(text.emptyPage)}</p> : null}
                <button type="button" class="secondary" onClick={() => addQuestion(p)}>
                  {tr(text.addQuestion(p + 1))}
                </button>
              </section>
            ))}
            <div class="actions-row">
              <button
                type="button"
                class="secondary"
                onClick={() => update((b) => ({ ...b, pages: [...b.pages, { _k: newKey(), id: uniqueId('trang', new Set(b.pages.map((x) => x.id))), questions: [] }] }))}
              >
                {tr(text.addPage)}
              </button>
            </div>
            <IndexRuleEditor def={def} onChange={(index) => update((b) => ({ ...b, index }))} onMinimum={(minimum) => update((b) => ({ ...b, minimum }))} />
            <ScalesEditor def={def} onChange={(scales) => update((b) => ({ ...b, scales }))} />
            <JsonPanel
              definition={definition}
              filename={`${loaded.instrument}.v${loaded.version}.json`}
              onImport={(raw) => update(() => fromDefinition({ ...(raw as object), instrument: loaded.instrument, version: loaded.version }))}
            />
          </div>
          <div class="builder-side">
            <Preview definition={lastValid} stale={problems.length} lang={lang} />
            {problems.length ? <ProblemList problems={problems} lang={lang} onGo={goTo} title={tr(text.toFix)} /> : null}
          </div>
        </div>
      </div>
    </Builder.Provider>
  )
}
