import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { useApp } from '../hooks/use-auth.ts'
import { formatChange, formatIndex, formatInterval, formatRankChange } from '../lib/format.ts'
import type { Report, Unit } from '../lib/report-types.ts'
import { s as word } from '../lib/i18n.ts'
import { strings as s } from '../lib/strings.ts'
import { formatRate } from './response-rate.tsx'
import { LoadError } from './load-error.tsx'
import type { ApiError } from '../lib/api.ts'

type Key = 'rank' | 'name' | 'index' | 'indexChange' | 'n' | 'rankChange'

const text = {
  shown: (shown: number, all: number) => word(`Đang hiện ${shown} trên ${all} cơ quan`, `Showing ${shown} of ${all} agencies`),
  showMore: (n: number) => word(`Hiện thêm ${n} cơ quan`, `Show ${n} more agencies`),
  showAll: (n: number) => word(`Hiện cả ${n} cơ quan`, `Show all ${n} agencies`),
  loadingAll: word('Đang tải toàn bộ bảng xếp hạng…', 'Loading the whole ranking…'),
  wider: word('Bảng rộng hơn màn hình: cuộn ngang để xem các cột bên phải →', 'The table is wider than the screen: scroll sideways for the columns on the right →'),
}

/**
 * Whether a scrolling box is wider than it shows, and whether columns still lie beyond its right edge: a desktop
 * scrollbar sits below the last row, off the screen, and an overlay one shows only once touched.
 */
function useSideways() {
  const ref = useRef<HTMLDivElement>(null)
  const [state, setState] = useState({ wider: false, more: false })
  useEffect(() => {
    const el = ref.current!
    const check = () => {
      const wider = el.scrollWidth > el.clientWidth + 1
      const more = wider && el.scrollLeft + el.clientWidth < el.scrollWidth - 1
      setState((s) => (s.wider === wider && s.more === more ? s : { wider, more }))
    }
    check()
    el.addEventListener('scroll', check, { passive: true })
    const resized = new ResizeObserver(check)
    resized.observe(el)
    resized.observe(el.firstElementChild!)
    return () => {
      el.removeEventListener('scroll', check)
      resized.disconnect()
    }
  }, [])
  return { ref, ...state }
}

/** The whole ranking, when the table was given only its first rows (`report.unitTotals`): asked for on the officer's request. */
export interface WholeRanking {
  loading: boolean
  error: ApiError | null
  ask(): void
}

/**
 * A Ministry-wide ranking has thousands of rows: the first screen draws `pageSize` of them (sorted over
 * all), and a button beside the count draws more, so nothing is hidden without saying so.
 */
function MoreRows({ shown, all, pageSize, onShow, whole }: { shown: number; all: number; pageSize: number; onShow(n: number): void; whole?: WholeRanking }) {
  const { tr } = useApp()
  if (all <= shown) return null
  return (
    <div class="actions-row more-rows" aria-busy={whole?.loading ? 'true' : undefined}>
      <span role="status">{tr(whole?.loading ? text.loadingAll : text.shown(shown, all))}</span>
      <button type="button" disabled={whole?.loading} onClick={() => onShow(shown + pageSize)}>
        {tr(text.showMore(Math.min(pageSize, all - shown)))}
      </button>
      <button type="button" class="link-button" disabled={whole?.loading} onClick={() => onShow(all)}>
        {tr(text.showAll(all))}
      </button>
      {whole?.error ? <LoadError error={whole.error} /> : null}
    </div>
  )
}

/**
 * The ranking: sortable by any column with the keyboard (the headers are buttons with aria-sort), element
 * indices beside the index, and agencies below the minimum sample set apart in their own table.
 */
/** A column's short heading: the first two words ("Tiếp cận", "Thủ tục"); the full name shows on hover and focus. */
export function shortLabel(label: string) {
  const words = label.split(/\s+/)
  return words.length <= 2
    ? label
    : `${words
        .slice(0, 2)
        .join(' ')
        .replace(/[,;:]$/, '')}…`
}

export function RankingTable({
  report,
  elements,
  query,
  pageSize = 100,
  whole,
}: {
  report: Report
  elements: Array<{ id: string; label: string }>
  query: string
  /** Rows drawn at first (print views pass Infinity: paper has no button). */
  pageSize?: number
  /** How to get the whole ranking when `report` holds only its first rows. */
  whole?: WholeRanking
}) {
  const { tr, lang } = useApp()
  const [shown, setShown] = useState(pageSize)
  const [shownBelow, setShownBelow] = useState(pageSize)
  const [wanted, setSort] = useState<{ key: Key; dir: 1 | -1 }>({ key: 'rank', dir: 1 })
  const sideways = useSideways()
  // Only the first rows are here: they stay in rank order (sorting them alone would mislead) until the whole ranking comes.
  const totals = whole ? report.unitTotals : undefined
  const sort = totals ? { key: 'rank' as Key, dir: 1 as const } : wanted
  const needWhole = () => totals && whole && !whole.loading && whole.ask()
  // More rows than the first page holds come with the whole ranking.
  const showing = (set: (n: number) => void) => (n: number) => {
    set(n)
    needWhole()
  }
  const ranked = useMemo(() => {
    const list = report.units.filter((u) => u.sufficient)
    if (totals) return list
    const value = (u: Unit) => (sort.key === 'name' ? u.name : (u[sort.key] ?? Number.NEGATIVE_INFINITY))
    return [...list].sort((a, b) => {
      const x = value(a)
      const y = value(b)
      return (typeof x === 'string' ? x.localeCompare(y as string, 'vi') : (x as number) - (y as number)) * sort.dir
    })
  }, [report, sort.key, sort.dir, totals])
  const insufficient = report.units.filter((u) => !u.sufficient)
  const header = (key: Key, label: string, cls = '') => (
    <th scope="col" class={cls} aria-sort={sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        class="sort"
        onClick={() => {
          setSort({ key, dir: wanted.key === key ? (-wanted.dir as 1 | -1) : key === 'rank' || key === 'name' ? 1 : -1 })
          needWhole()
        }}
      >
        {label}
      </button>
    </th>
  )
  const link = (u: Unit) => <a href={`/agencies/${encodeURIComponent(u.agency)}?${query}`}>{u.name}</a>
  return (
    <>
      {sideways.wider ? <p class="muted scroll-hint no-print">{tr(text.wider)}</p> : null}
      {/* Rank, name and index stay in view while the element columns scroll beside them; a shade at the right edge while more lie beyond it. */}
      <div class={`scroll-more ${sideways.more ? 'more' : ''}`}>
        <div class="table-wrap ranking-wrap" tabIndex={0} role="region" aria-label={tr(s.ranking)} ref={sideways.ref}>
          <table class="ranking">
            <caption>{tr(s.ranking)}</caption>
            <thead>
              <tr>
                {header('rank', tr(s.rank), 'sticky c1')}
                {header('name', tr(s.agency), 'sticky c2')}
                {header('index', report.method === 'points' ? tr(s.points) : tr(s.index), 'sticky c3')}
                {header('rankChange', tr(s.rankChange))}
                {header('indexChange', report.method === 'points' ? tr(s.pointsChange) : tr(s.indexChange))}
                {header('n', tr(s.responses))}
                <th scope="col">{tr(s.interval)}</th>
                <th scope="col">{tr(s.responseRate)}</th>
                {elements.map((e) => (
                  <th scope="col" key={e.id} class="element">
                    <span class="tip-host" tabIndex={0}>
                      <span aria-hidden="true">{shortLabel(e.label)}</span>
                      <span class="sr-only">{e.label}</span>
                      <span class="tip" role="tooltip" aria-hidden="true">
                        {e.label}
                      </span>
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ranked.length === 0 ? (
                <tr>
                  <td colSpan={8 + elements.length}>{tr(s.noneRanked)}</td>
                </tr>
              ) : null}
              {ranked.slice(0, shown).map((u) => (
                <tr key={u.agency}>
                  <td class="num sticky c1">{u.rank}</td>
                  <th scope="row" class="sticky c2">
                    {link(u)}
                  </th>
                  <td class="num strong sticky c3">{formatIndex(u.index, report.method, lang)}</td>
                  <td class={`num change ${(u.rankChange ?? 0) > 0 ? 'up' : (u.rankChange ?? 0) < 0 ? 'down' : ''}`}>{formatRankChange(u.rankChange)}</td>
                  <td class="num">{formatChange(u.indexChange, report.method, lang)}</td>
                  <td class="num">{u.n}</td>
                  <td class="num">{formatInterval(u.ci95, report.method, lang)}</td>
                  <td class="num">{formatRate(u.responseRate, tr, lang)}</td>
                  {elements.map((e) => (
                    <td class="num" key={e.id}>
                      {formatIndex(u.elements[e.id], report.method, lang)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {totals && whole && (whole.loading || whole.error) && totals.ranked <= shown ? (
        <p role="status" aria-busy={whole.loading ? 'true' : undefined}>
          {whole.error ? <LoadError error={whole.error} /> : tr(text.loadingAll)}
        </p>
      ) : null}
      <MoreRows shown={shown} all={totals?.ranked ?? ranked.length} pageSize={pageSize} whole={totals ? whole : undefined} onShow={showing(setShown)} />
      {insufficient.length ? (
        <div class="table-wrap">
          <table class="insufficient">
            <caption>
              {tr(s.insufficient)} — {tr(s.insufficientNote)} (n &lt; {report.minSample})
            </caption>
            <thead>
              <tr>
                <th scope="col">{tr(s.agency)}</th>
                <th scope="col">{report.method === 'points' ? tr(s.points) : tr(s.index)}</th>
                <th scope="col">{tr(s.responses)}</th>
                <th scope="col">{tr(s.previousRank)}</th>
              </tr>
            </thead>
            <tbody>
              {insufficient.slice(0, shownBelow).map((u) => (
                <tr key={u.agency}>
                  <th scope="row">{link(u)}</th>
                  <td class="num">{formatIndex(u.index, report.method, lang)}</td>
                  <td class="num">{u.n}</td>
                  <td class="num">{u.previousRank ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <MoreRows shown={shownBelow} all={totals?.insufficient ?? insufficient.length} pageSize={pageSize} whole={totals ? whole : undefined} onShow={showing(setShownBelow)} />
        </div>
      ) : null}
    </>
  )
}
