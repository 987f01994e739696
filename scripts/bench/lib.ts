import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { insertAgency } from '../../server/agencies/repository.ts'
import { boot } from '../../server/boot.ts'
import { insertDesk } from '../../server/desks/repository.ts'
import { insertPairedKiosk } from '../../server/kiosks/repository.ts'
import { readEnv } from '../../server/env.ts'
import { hashToken, newToken } from '../../server/lib/tokens.ts'
import { generate } from '../generate.ts'

export { startNode } from '../node-process.ts'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** What every section of the bench is given: the size switch and a scratch folder kept between runs. */
export interface Bench {
  quick: boolean
  /** The system temp folder's `hailong-bench/`: generated databases are reused from one run to the next. */
  work: string
}

/** One line of docs/benchmarks.md: a figure beside its target and whether it is met. */
export interface Row {
  area: string
  measure: string
  value: string
  target: string
  verdict: '' | 'met' | 'NOT met'
}

/** A part of the bench (intake, reports, exports, …): measures, then returns its rows for the table. */
export interface Section {
  /** Short name for `npm run bench -- --only <name>,<name>`. */
  name: string
  run(bench: Bench): Promise<Row[]>
}

/** A row, printed as soon as it is measured so a long run shows progress. No target: an informative figure. */
export function row(area: string, measure: string, value: string, target = '', ok?: boolean): Row {
  console.log(`  ${area} · ${measure}: ${value}${target ? ` (target ${target})` : ''}${ok === false ? ' — NOT met' : ''}`)
  return { area, measure, value, target, verdict: ok === undefined ? '' : ok ? 'met' : 'NOT met' }
}

export const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })

export const machine = () => `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${fmt(os.totalmem() / 2 ** 30, 0)} GiB · Node ${process.version}`

/** A database of `size` generated responses in the bench folder, generated once and reused by later runs. */
export async function generatedDatabase(bench: Bench, size: number): Promise<string> {
  const file = path.join(bench.work, `report-${size}.db`)
  if (!fs.existsSync(`${file}.done`)) {
    console.log(`generating ${size.toLocaleString('en-US')} responses…`)
    await generate(file, size, (done) => process.stderr.isTTY && process.stderr.write(`\r  ${done.toLocaleString('en-US')} / ${size.toLocaleString('en-US')}`))
    if (process.stderr.isTTY) process.stderr.write('\n')
    fs.writeFileSync(`${file}.done`, '')
  }
  return file
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * Runs a command to completion and reports its wall time, peak resident memory and CPU time (from the
 * child itself). On a shared machine the CPU time is the steadier figure: wall time grows with the load.
 */
export function timed(args: string[], env: Record<string, string>): Promise<{ seconds: number; peakMb: number; cpuSeconds: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(process.execPath, ['--import', path.join(ROOT, 'scripts/bench/report-rss.mjs'), ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${args.join(' ')} failed (${code}): ${stderr}`))
      const rss = /maxRSS=(\d+)/.exec(stderr)
      const cpu = /cpuUs=(\d+)/.exec(stderr)
      resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, peakMb: rss ? Number(rss[1]) / 1024 : NaN, cpuSeconds: cpu ? Number(cpu[1]) / 1e6 : NaN, stdout })
    })
  })
}

/** Gzip bytes of the JS and CSS an HTML entry loads on first paint (its scripts, styles and their static imports). */
export function firstLoadBytes(entry: string): number {
  const dist = path.join(ROOT, 'dist/web')
  const html = fs.readFileSync(path.join(dist, entry), 'utf8')
  const seen = new Set<string>()
  const queue = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!)
  let bytes = 0
  while (queue.length) {
    const file = queue.shift()!.replace(/^\.?\//, '')
    if (seen.has(file)) continue
    seen.add(file)
    const body = fs.readFileSync(path.join(dist, file))
    bytes += gzipSync(body, { level: 9 }).length
    if (file.endsWith('.js')) {
      // Static imports only (`import … from "./x.js"`); dynamic import() chunks load later, on demand.
      for (const m of body.toString('utf8').matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) queue.push(`assets/${m[1]}`)
    }
  }
  return bytes
}

/** A database with one desk and `count` paired kiosks (their secrets returned), for load and crash runs. */
export async function kioskDatabase(file: string, count = 1): Promise<string[]> {
  for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true })
  const opened = await boot({ ...readEnv({}), DATABASE_URL: file })
  const at = new Date().toISOString()
  const agencyId = await insertAgency(opened.db, { code: 'SNV', name: 'Sở Nội vụ', kind: 'department', parentId: null, at })
  const deskId = await insertDesk(opened.db, { agencyId, code: 'MC-01', name: 'Quầy 1', publicToken: newToken('desk'), at })
  const secrets = Array.from({ length: count }, () => newToken('kiosk', 32))
  for (const [i, secret] of secrets.entries()) await insertPairedKiosk(opened.db, { deskId, name: `Máy ${i + 1}`, secretHash: hashToken(secret), at })
  await opened.close()
  return secrets
}
