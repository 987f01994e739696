import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { WEB_ROOT } from '../helpers/browser.ts'

const BUDGET = 20 * 1024

/** Every JS and CSS file the kiosk page loads at first: its tags, then the static imports of each script. */
function firstLoad(htmlFile: string): string[] {
  const html = fs.readFileSync(path.join(WEB_ROOT, htmlFile), 'utf8')
  const tags = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="(?:stylesheet|modulepreload)"[^>]*href="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*href="([^"]+)"[^>]*rel="(?:stylesheet|modulepreload)"/g),
  ].map((m) => m[1]!)
  const seen = new Set<string>()
  const visit = (url: string) => {
    if (seen.has(url) || /^(https?:)?\/\//.test(url)) return
    seen.add(url)
    if (!url.endsWith('.js')) return
    const code = fs.readFileSync(path.join(WEB_ROOT, url), 'utf8')
    // Static imports only (`import … from"./x.js"`, `import"./x.js"`); `import("./x.js")` loads later, on demand.
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*"(\.\/[^"]+\.js)"/g)) visit(path.posix.join(path.posix.dirname(url), m[1]!))
  }
  tags.forEach(visit)
  return [...seen]
}

describe('kiosk page weight', () => {
  const files = firstLoad('kiosk.html')
  const size = (f: string) => gzipSync(fs.readFileSync(path.join(WEB_ROOT, f)), { level: 9 }).length

  it('loads at most 20 KB (gzip) of JS and CSS at first', () => {
    expect(files.some((f) => f.endsWith('.js'))).toBe(true)
    expect(files.some((f) => f.endsWith('.css'))).toBe(true)
    const total = files.filter((f) => /\.(js|css)$/.test(f)).reduce((sum, f) => sum + size(f), 0)
    expect(total, `kiosk first load: ${files.map((f) => `${f} ${size(f)} B`).join(', ')}`).toBeLessThanOrEqual(BUDGET)
  })

  it('carries no schema library', () => {
    const code = files
      .filter((f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(path.join(WEB_ROOT, f), 'utf8'))
      .join('\n')
    expect(code).not.toMatch(/ZodError|\$ZodType/)
  })
})

interface ManifestChunk {
  file: string
  name?: string
  src?: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
}

/**
 * Every chunk a page can ever load (static and lazy imports), from Vite's manifest. Chart.js is built into
 * a chunk of its own (vite.config.ts), so its name shows whether a page can reach it.
 */
function reachable(manifest: Record<string, ManifestChunk>, entry: string): Array<[string, ManifestChunk]> {
  const seen = new Map<string, ManifestChunk>()
  const visit = (key: string) => {
    if (seen.has(key)) return
    const chunk = manifest[key]
    if (!chunk) throw new Error(`manifest has no ${key}`)
    seen.set(key, chunk)
    for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next)
  }
  visit(entry)
  return [...seen]
}

describe("the citizens' pages reach no staff code", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(WEB_ROOT, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>

  it('the staff app does reach Chart.js through its own chunk (so the check below can see it)', () => {
    expect(reachable(manifest, 'index.html').some(([, c]) => c.name === 'chart')).toBe(true)
  })

  for (const page of ['kiosk.html', 'survey.html'])
    it(`${page}: no chunk from chart.js, the staff entry, its pages or the builder`, () => {
      const chunks = reachable(manifest, page)
      expect(chunks.length).toBeGreaterThan(1)
      const staff = chunks.filter(
        ([key, c]) => c.name === 'chart' || key === 'index.html' || /^(pages|builder)\/|^components\/(trend-chart|ranking-table|bar-list)\./.test(c.src ?? ''),
      )
      expect(staff.map(([key]) => key)).toEqual([])
    })
})
