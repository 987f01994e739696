// `npm run bench` (`-- --quick` for small sizes, `-- --only intake,reports` for some sections): each
// section measures one area against its target, beside a ceiling measured in the same run where one
// exists. Prints one table and (full-size runs) writes it to docs/benchmarks.md with the machine it ran on.
// A new area is one module exporting a `Section`, added to the list below.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { exports, invitations } from './exports-invitations.ts'
import { intake, intakeAlerts } from './intake.ts'
import { machine, ROOT, type Bench, type Row, type Section } from './lib.ts'
import { national } from './national.ts'
import { reports } from './reports.ts'
import { weight } from './weight.ts'

const sections: Section[] = [weight, intake, intakeAlerts, reports, exports, invitations, national]

const argv = process.argv.slice(2)
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1]!.split(',') : null
const bench: Bench = { quick: argv.includes('--quick'), work: path.join(os.tmpdir(), 'hailong-bench') }
fs.mkdirSync(bench.work, { recursive: true })

console.log(`hailong bench${bench.quick ? ' (quick)' : ''} — ${machine()}`)
const rows: Row[] = []
for (const section of sections) {
  if (only && !only.includes(section.name)) continue
  console.log(`\n[${section.name}]`)
  rows.push(...(await section.run(bench)))
}

const line = (r: Row) => `| ${r.area} | ${r.measure} | ${r.value} | ${r.target} | ${r.verdict} |`
console.log(`\n${['| area | measure | value | target | verdict |', '|---|---|---|---|---|', ...rows.map(line)].join('\n')}`)

// A quick run's smaller sizes would replace the full run's figures: only full-size runs are written. With
// --only, the areas measured replace theirs in the table and the others keep their last full figures.
if (!bench.quick) {
  const doc = path.join(ROOT, 'docs/benchmarks.md')
  const old = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : ''
  const notes = old.split('\n## Notes')[1] ?? '\n'
  let lines = rows.map(line)
  if (only) {
    const measured = new Set(rows.map((r) => r.area))
    const kept = old
      .split('## Notes')[0]!
      .split('\n')
      .filter((l) => /^\| (?!area \||---)/.test(l))
    const placed = new Set<string>()
    const merged: string[] = []
    for (const l of kept) {
      const area = l.split(' | ')[0]!.slice(2)
      if (!measured.has(area)) merged.push(l)
      else if (!placed.has(area)) {
        placed.add(area)
        merged.push(...rows.filter((r) => r.area === area).map(line))
      }
    }
    lines = [...merged, ...rows.filter((r) => !placed.has(r.area)).map(line)]
  }
  const header = `# Benchmarks\n\nRun: ${new Date().toISOString()}${only ? ` (sections ${only.join(', ')}; other rows from the previous run)` : ''} · ${machine()} · \`npm run bench\`\n\n`
  fs.writeFileSync(doc, `${header}| area | measure | value | target | verdict |\n|---|---|---|---|---|\n${lines.join('\n')}\n\n## Notes${notes}`)
  console.log(`\n→ ${path.relative(process.cwd(), doc)}`)
}
