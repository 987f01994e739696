import { useEffect, useRef, useState } from 'preact/hooks'

/**
 * Whether the element has once come near the viewport (and from then on, true): a part below the fold
 * asks the server only when someone scrolls towards it. The hour-by-weekday map scans a quarter's raw
 * ratings, seconds of work at the national shape, which a look at the ranking above it should not cost.
 */
export function useVisible<T extends Element>() {
  const ref = useRef<T>(null)
  const [visible, setVisible] = useState(false)
  useEffect(() => {
    if (visible || !ref.current) return
    if (typeof IntersectionObserver === 'undefined') return setVisible(true)
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return
        setVisible(true)
        observer.disconnect()
      },
      { rootMargin: '200px' },
    )
    observer.observe(ref.current)
    return () => observer.disconnect()
  }, [visible])
  return [ref, visible] as const
}
