import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../server/auth/service.ts'
import { boot } from '../../server/boot.ts'
import { readEnv } from '../../server/env.ts'
import { PAPER_IMPORT_LIMITS } from '../../server/imports/responses-import.ts'
import { startNode, type NodeProcess } from '../../scripts/node-process.ts'
import { tempDir } from '../helpers/cli.ts'
import { makeAgency } from '../helpers/factories.ts'
import { hugeSharedStrings, oneSharedCellSheet, workbookParts, writeZip } from '../helpers/xlsx-files.ts'

/**
 * The upload bombs of issue 16, sent to a real server process as a manager would send them: each is
 * refused or processed while the process stays within UPLOAD_MEMORY_BOUND_MB of resident memory (its
 * peak, VmHWM, read from /proc) and `/healthz` keeps answering within a second.
 */
const UPLOAD_MEMORY_BOUND_MB = 512
const HEALTH_BOUND_MS = 1000
const HEADER = 'submission_id,survey,agency,desk,channel,submitted_at,overall'
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'

let dir: string
let node: NodeProcess
let staff: { cookie: string; csrf: string }

const peakMb = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024

/** Uploads `file` for a preview while polling /healthz; resolves with the answer and the slowest health check. */
async function sendWhileWatching(file: string, name: string) {
  let slowest = 0
  let checks = 0
  let done = false
  const watcher = (async () => {
    while (!done) {
      const started = performance.now()
      const res = await fetch(`${node.url}/healthz`)
      expect(res.status).toBe(200)
      await res.arrayBuffer()
      slowest = Math.max(slowest, performance.now() - started)
      checks++
      await new Promise((r) => setTimeout(r, 100))
    }
  })()
  const form = new FormData()
  form.set('file', await fs.openAsBlob(file), name)
  const started = performance.now()
  const res = await fetch(`${node.url}/api/v1/admin/imports/responses?dryRun=1`, { method: 'POST', headers: { Cookie: staff.cookie, 'X-CSRF-Token': staff.csrf }, body: form })
  const body = (await res.json()) as any
  const seconds = (performance.now() - started) / 1000
  done = true
  await watcher
  return { status: res.status, body, slowest, checks, seconds }
}

beforeAll(async () => {
  dir = tempDir('hailong-bombs-')
  const file = path.join(dir, 'h.db')
  const opened = await boot(readEnv({ DATABASE_URL: file }))
  await makeAgency(opened.db, { code: 'SNV', name: 'Sở Nội vụ' })
  await createUser(opened.db, { username: 'quanly', password: 'mat-khau-rat-dai-1', role: 'admin', agencyId: null, actor: 'test' }, new Date())
  await opened.close()
  node = await startNode({ DATABASE_URL: file })
  const res = await fetch(`${node.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'quanly', password: 'mat-khau-rat-dai-1' }),
  })
  staff = { cookie: res.headers.get('Set-Cookie')!.split(';')[0]!, csrf: ((await res.json()) as any).csrfToken }
})

afterAll(async () => {
  await node?.stop()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('upload bombs against a real server process', { timeout: 170_000 }, () => {
  it('6 million tiny XLSX rows: refused at the row limit', async () => {
    const file = path.join(dir, 'rows.xlsx')
    const bytes = await writeZip(
      file,
      workbookParts(function* () {
        yield `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData><row r="1">`
        for (const [i, h] of HEADER.split(',').entries()) yield `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`
        yield '</row>'
        // Without `r` attributes, as some writers do: the same few bytes six million times pack to almost nothing.
        const row = '<row><c><v>1</v></c></row>'
        for (let r = 2; r <= 6_000_000; r++) yield row
        yield '</sheetData></worksheet>'
      }),
    )
    expect(bytes).toBeLessThan(12 * 1024 * 1024)
    const r = await sendWhileWatching(file, 'rows.xlsx')
    expect(r.status).toBe(400)
    expect(r.body.rows[0]).toMatchObject({ code: 'too_many_rows' })
    expect(r.body.rows.length).toBeLessThanOrEqual(200)
    expect(r.slowest, `slowest health check ${r.slowest} ms`).toBeLessThan(HEALTH_BOUND_MS)
    expect(peakMb(node.child.pid!)).toBeLessThan(UPLOAD_MEMORY_BOUND_MB)
  })

  it('a huge shared-strings table (millions of distinct strings): refused before it is cached', async () => {
    const file = path.join(dir, 'sst.xlsx')
    await writeZip(file, workbookParts(oneSharedCellSheet(), hugeSharedStrings(3_000_000, 10)))
    const r = await sendWhileWatching(file, 'sst.xlsx')
    expect(r.status).toBe(400)
    expect(r.body.rows[0]).toMatchObject({ code: 'xlsx_too_large' })
    expect(r.slowest).toBeLessThan(HEALTH_BOUND_MS)
    expect(peakMb(node.child.pid!)).toBeLessThan(UPLOAD_MEMORY_BOUND_MB)
  })

  it('a 48 MB CSV: refused at the row limit, every bad row counted, the first ones shown', async () => {
    const file = path.join(dir, 'big.csv')
    const out = fs.openSync(file, 'w')
    fs.writeSync(out, HEADER + '\n')
    const line = 'not-a-uuid,mot-cua@1,SNV,,paper,2026-05-01,3\n'
    const block = line.repeat(10_000)
    for (let written = 0; written < 48 * 1024 * 1024; written += block.length) fs.writeSync(out, block)
    fs.closeSync(out)
    const r = await sendWhileWatching(file, 'big.csv')
    expect(r.status).toBe(400)
    expect(r.body.rows.some((x: any) => x.code === 'too_many_rows')).toBe(true)
    expect(r.slowest).toBeLessThan(HEALTH_BOUND_MS)
    expect(peakMb(node.child.pid!)).toBeLessThan(UPLOAD_MEMORY_BOUND_MB)
  })

  it(`a genuine file at the limit (${PAPER_IMPORT_LIMITS.maxRows.toLocaleString('en')} valid rows) is previewed in full, the server answering meanwhile`, async () => {
    const file = path.join(dir, 'genuine.csv')
    const rows = Array.from({ length: PAPER_IMPORT_LIMITS.maxRows - 1 }, (_, i) => `${randomUUID()},mot-cua@1,SNV,,paper,2026-05-01,${4 + (i % 2)}`)
    fs.writeFileSync(file, [HEADER, ...rows].join('\n'))
    const r = await sendWhileWatching(file, 'genuine.csv')
    expect(r.body, JSON.stringify(r.body).slice(0, 500)).toMatchObject({ dryRun: true, imported: PAPER_IMPORT_LIMITS.maxRows - 1 })
    expect(r.checks).toBeGreaterThan(2)
    expect(r.slowest).toBeLessThan(HEALTH_BOUND_MS)
    const peak = peakMb(node.child.pid!)
    console.log(`peak resident memory of the server over all uploads: ${peak.toFixed(0)} MB (bound ${UPLOAD_MEMORY_BOUND_MB} MB)`)
    expect(peak).toBeLessThan(UPLOAD_MEMORY_BOUND_MB)
  })
})
