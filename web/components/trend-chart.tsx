import { useMemo } from 'preact/hooks'
import { useApp } from '../hooks/use-auth.ts'
import { useChart } from '../hooks/use-chart.ts'
import { fittedAxis } from '../lib/chart-axis.ts'
import { formatIndex, formatInterval } from '../lib/format.ts'
import type { TrendPoint } from '../lib/report-types.ts'
import { strings as s } from '../lib/strings.ts'

/**
 * The index over the last quarters with its 95 % interval as a band. The line joins the quarters with
 * enough answers (a gap is bridged, never leaving a lone dot); quarters below the minimum sample are drawn
 * apart, as hollow grey points, and say so in their label and in the text for screen readers.
 */
export function TrendChart({ points, method, label, current }: { points: TrendPoint[]; method: 'share' | 'points'; label: string; current?: string }) {
  const { lang, tr } = useApp()
  const config = useMemo(() => {
    const ok = (p: TrendPoint) => p.sufficient && p.index !== null
    const axis = fittedAxis(points, method)
    return {
      type: 'line' as const,
      data: {
        labels: points.map((p) => `${p.period}${p.period === current ? '*' : ''} (n=${p.n})`),
        datasets: [
          // The band: upper bound filled down to the lower bound (the dataset after it).
          {
            label: tr(s.intervalBand),
            data: points.map((p) => (ok(p) && p.ci95 ? p.ci95[1] : null)),
            borderWidth: 0,
            pointRadius: 0,
            backgroundColor: 'rgba(11, 83, 148, 0.15)',
            fill: '+1',
            spanGaps: true,
            tension: 0.2,
          },
          { label: '', data: points.map((p) => (ok(p) && p.ci95 ? p.ci95[0] : null)), borderWidth: 0, pointRadius: 0, fill: false, spanGaps: true, tension: 0.2 },
          { label, data: points.map((p) => (ok(p) ? p.index : null)), borderColor: '#0b5394', backgroundColor: '#0b5394', spanGaps: true, tension: 0.2 },
          {
            label: tr(s.belowMinimum),
            data: points.map((p) => (!p.sufficient && p.index !== null && p.n > 0 ? Math.min(Math.max(p.index, axis.min), axis.max) : null)),
            showLine: false,
            pointStyle: 'circle',
            pointRadius: 5,
            borderColor: '#6b7280',
            backgroundColor: '#fff',
            borderWidth: 2,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false as const,
        scales: { y: axis },
        plugins: {
          legend: { labels: { filter: (item: { text: string }) => item.text !== '' } },
          tooltip: {
            filter: (item: { datasetIndex: number }) => item.datasetIndex >= 2,
            callbacks: {
              label: (ctx: { datasetIndex: number; dataIndex: number }) => {
                const p = points[ctx.dataIndex]!
                const value = `${formatIndex(p.index, method, lang)} (${tr(s.interval)}: ${formatInterval(p.ci95, method, lang)})`
                return ctx.datasetIndex === 3 ? `${tr(s.insufficient)}: ${value}` : `${label}: ${value}`
              },
            },
          },
        },
      },
    }
  }, [points, method, lang, label, current])
  const canvas = useChart(config)
  const summary = points
    .map(
      (p) =>
        `${p.period}${p.period === current ? ` (${tr(s.currentQuarter)})` : ''}: ${p.index === null ? '—' : formatIndex(p.index, method, lang)}${p.sufficient || p.n === 0 ? '' : ` — ${tr(s.insufficient)}`} (n=${p.n}${p.ci95 && p.sufficient ? `; ${formatInterval(p.ci95, method, lang)}` : ''})`,
    )
    .join('; ')
  return (
    <figure class="chart">
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={`${label}. ${summary}`} />
      </div>
      <figcaption class="sr-only">{summary}</figcaption>
      {current && points.some((p) => p.period === current) ? <p class="muted small">* {tr(s.currentQuarter)}</p> : null}
    </figure>
  )
}
