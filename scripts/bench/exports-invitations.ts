// Raw response exports through the CLI, each in a child process of its own so peak memory is theirs
// alone; and a 1,000-code invitation batch over HTTP against a real node, as the one-stop software calls it.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { insertAgency } from '../../server/agencies/repository.ts'
import { insertApiKey } from '../../server/api-keys/repository.ts'
import { boot } from '../../server/boot.ts'
import { openDatabase } from '../../server/db/database.ts'
import { insertDesk } from '../../server/desks/repository.ts'
import { readEnv } from '../../server/env.ts'
import { hashToken, newToken } from '../../server/lib/tokens.ts'
import { listRollupQuarters } from '../../server/rollups/repository.ts'
import { fmt, generatedDatabase, median, ROOT, row, startNode, timed, type Bench, type Row, type Section } from './lib.ts'

async function exportRows(bench: Bench): Promise<Row[]> {
  const rows: Row[] = []
  // The quick run (CI) only checks that the exports still work: a small database, generated in seconds.
  const size = bench.quick ? 20_000 : 1_000_000
  const file = await generatedDatabase(bench, size)
  const { db, close } = await openDatabase(file)
  const year = (await listRollupQuarters(db))[0]!.slice(0, 4)
  await close()
  for (const format of ['csv', 'xlsx'] as const) {
    const out = path.join(bench.work, `export.${format}`)
    const load = os.loadavg()[0]!
    const r = await timed([path.join(ROOT, 'scripts/hailong.mjs'), 'export', 'responses', '--period', year, '--format', format, '--out', out], { DATABASE_URL: file })
    const exported = /exported (\d+)/.exec(r.stdout)?.[1] ?? '?'
    const [secs, mb] = format === 'csv' ? [20, 256] : [90, 512]
    const scaled = size === 1_000_000 ? '' : ` (${exported} rows; targets are for 1M)`
    rows.push(
      row(
        'Export',
        `${format.toUpperCase()} of ${Number(exported).toLocaleString('en-US')} responses: seconds / peak RSS MB${scaled} (CPU s; load average at start)`,
        `${fmt(r.seconds)} / ${fmt(r.peakMb, 0)} (${fmt(r.cpuSeconds)}; ${fmt(load)})`,
        `≤ ${secs} s, ≤ ${mb} MB`,
        size === 1_000_000 ? r.seconds <= secs && r.peakMb <= mb : undefined,
      ),
    )
    fs.rmSync(out, { force: true })
  }
  return rows
}

/** A fresh database with one agency, one desk and an API key for the one-stop software. */
async function invitationDatabase(file: string): Promise<string> {
  for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true })
  const opened = await boot({ ...readEnv({}), DATABASE_URL: file })
  const at = new Date().toISOString()
  const agencyId = await insertAgency(opened.db, { code: 'SNV', name: 'Sở Nội vụ', kind: 'department', parentId: null, at })
  await insertDesk(opened.db, { agencyId, code: 'MC-01', name: 'Quầy 1', publicToken: newToken('desk'), at })
  const key = newToken('hlk', 32)
  await insertApiKey(opened.db, { agencyId, name: 'Phần mềm Một cửa', keyHash: hashToken(key), prefix: key.slice(0, 12), createdBy: null, at })
  await opened.close()
  return key
}

async function invitationRows(bench: Bench): Promise<Row[]> {
  const file = path.join(bench.work, 'invitations.db')
  const key = await invitationDatabase(file)
  const node = await startNode({ DATABASE_URL: file })
  // Each batch names new dossiers (a dossier's new code replaces its old one, which is work of its own).
  let batch = 0
  const yymmdd = new Date().toISOString().slice(2, 10).replace(/-/g, '')
  // The node's own CPU time (Linux /proc, in clock ticks of 10 ms): the figure that does not grow with
  // the load other processes put on a shared machine.
  const cpu = () => {
    try {
      const fields = fs.readFileSync(`/proc/${node.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      return (Number(fields[11]) + Number(fields[12])) / 100
    } catch {
      return NaN
    }
  }
  const mint = async (qr?: string[]) => {
    const series = String.fromCharCode(65 + Math.floor(batch / 26), 65 + (batch % 26))
    batch++
    const items = Array.from({ length: 1000 }, (_, i) => ({ desk: 'MC-01', dossier: `H40.175.01-${yymmdd}-${series}${String(i).padStart(4, '0')}` }))
    const started = performance.now()
    const cpuBefore = cpu()
    const res = await fetch(`${node.url}/api/v1/invitations/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(qr ? { items, qr } : { items }),
    })
    const body = (await res.json()) as { items?: Array<{ qr: Record<string, string> }> }
    const seconds = (performance.now() - started) / 1000
    const cpuSeconds = cpu() - cpuBefore
    if (res.status !== 201 || body.items?.length !== 1000) throw new Error(`invitation batch: ${res.status} ${JSON.stringify(body).slice(0, 300)}`)
    return { seconds, cpuSeconds }
  }
  const rounds = bench.quick ? 1 : 3
  const median3 = async (qr?: string[]) => {
    const samples: Array<{ seconds: number; cpuSeconds: number }> = []
    for (let r = 0; r < rounds; r++) samples.push(await mint(qr))
    return { seconds: median(samples.map((x) => x.seconds)), cpuSeconds: median(samples.map((x) => x.cpuSeconds)) }
  }
  const shown = (x: { seconds: number; cpuSeconds: number }) => `${fmt(x.seconds, 2)} (${fmt(x.cpuSeconds, 2)})`
  try {
    await mint() // warm-up: JIT, prepared statements
    const load = os.loadavg()[0]!
    const svg = await median3()
    const links = await median3([])
    const png = await median3(['png'])
    const of = `${rounds > 1 ? `, median of ${rounds}` : ''}; server CPU s; load average ${fmt(load)}`
    return [
      row('Invitations', `1,000-code batch over HTTP, SVG QR (the default) (s${of})`, shown(svg), '≤ 2', svg.seconds <= 2),
      row('Invitations', `1,000-code batch, links only, "qr":[] (s${of})`, shown(links)),
      row('Invitations', `1,000-code batch, PNG QR on request, "qr":["png"] (s${of})`, shown(png)),
    ]
  } finally {
    await node.stop()
  }
}

export const exports: Section = { name: 'exports', run: exportRows }
export const invitations: Section = { name: 'invitations', run: invitationRows }
