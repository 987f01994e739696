import { useMemo } from 'preact/hooks'
import { useApp } from '../hooks/use-auth.ts'
import { useChart } from '../hooks/use-chart.ts'
import { formatIndex } from '../lib/format.ts'
import type { TrendPoint } from '../lib/report-types.ts'

/**
 * The index over the last quarters. Quarters below the minimum sample are left out of the line (shown
 * as gaps) rather than drawn from a handful of answers; n is in every label.
 */
export function TrendChart({ points, method, label }: { points: TrendPoint[]; method: 'share' | 'points'; label: string }) {
  const { lang } = useApp()
  const config = useMemo(
    () => ({
      type: 'line' as const,
      data: {
        labels: points.map((p) => `${p.period} (n=${p.n})`),
        datasets: [{ label, data: points.map((p) => (p.sufficient ? p.index : null)), borderColor: '#0b5394', backgroundColor: '#0b5394', spanGaps: false, tension: 0.2 }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false as const,
        scales: { y: method === 'share' ? { min: 0, max: 100 } : { min: 0, max: 10 } },
        plugins: { tooltip: { callbacks: { label: (ctx: { parsed: { y: number | null } }) => `${label}: ${formatIndex(ctx.parsed.y, method, lang)}` } } },
      },
    }),
    [points, method, lang, label],
  )
  const canvas = useChart(config)
  const summary = points.map((p) => `${p.period}: ${p.sufficient ? formatIndex(p.index, method, lang) : '—'} (n=${p.n})`).join('; ')
  return (
    <figure class="chart">
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={`${label}. ${summary}`} />
      </div>
      <figcaption class="sr-only">{summary}</figcaption>
    </figure>
  )
}
