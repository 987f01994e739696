import { useEffect, useRef } from 'preact/hooks'
import type { ChartConfiguration } from 'chart.js'
import type { Chart } from '../lib/chart-js.ts'

// Chart.js is the largest script of the staff app (170 KB): loaded beside a page's first requests rather
// than before them, so a page with a chart does not wait for it to ask for its data.
let chartJs: Promise<{ Chart: typeof Chart }> | null = null

/** One Chart.js chart on a canvas, rebuilt when its config changes and destroyed on cleanup. */
export function useChart(config: ChartConfiguration | null) {
  const canvas = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    if (!canvas.current || !config) return
    let live = true
    let chart: { destroy(): void } | null = null
    ;(chartJs ??= import('../lib/chart-js.ts'))
      .then(({ Chart }) => {
        if (live && canvas.current) chart = new Chart(canvas.current, config)
      })
      .catch(() => {
        chartJs = null // not loaded (the network dropped): the next render tries again
      })
    return () => {
      live = false
      chart?.destroy()
    }
  }, [config])
  return canvas
}
