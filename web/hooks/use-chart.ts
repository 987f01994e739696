import { useEffect, useRef } from 'preact/hooks'
import { BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js'

// Only the parts the dashboard draws, so the chart chunk stays small.
Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend, Filler)

/** One Chart.js chart on a canvas, rebuilt when its config changes and destroyed on cleanup. */
export function useChart(config: ChartConfiguration | null) {
  const canvas = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    if (!canvas.current || !config) return
    const chart = new Chart(canvas.current, config)
    return () => chart.destroy()
  }, [config])
  return canvas
}
