// `npm run bench` (`-- --quick` for small sizes, `-- --only intake,reports` for some sections): each
// section measures one area against its target, beside a ceiling measured in the same run where one
// exists. Prints one table and (full runs) writes it to docs/benchmarks.md with the machine it ran on.
// A new area is one module exporting a `Section`, added to the list below.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { exports, invitations } from './exports-invitations.ts'
import { intake, intakeAlerts } from './intake.ts'
import { machine, ROOT, type Bench, type Row, type Section } from './lib.ts'
import { reports } from './reports.ts'
import { weight } from './weight.ts'

const sections: Section[] = [weight, intake, intakeAlerts, reports, exports, invitations]

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

const table = [
  '| area | measure | value | target | verdict |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.area} | ${r.measure} | ${r.value} | ${r.target} | ${r.verdict} |`),
].join('\n')
console.log(`\n${table}`)
// A partial or quick run would replace the full run's figures with smaller ones: only a full run is written.
if (!bench.quick && !only) {
  const doc = path.join(ROOT, 'docs/benchmarks.md')
  const header = `# Benchmarks\n\nRun: ${new Date().toISOString()} · ${machine()} · \`npm run bench\`\n\n`
  const notes = fs.existsSync(doc) ? (fs.readFileSync(doc, 'utf8').split('\n## Notes')[1] ?? '') : ''
  fs.writeFileSync(doc, `${header}${table}\n\n## Notes${notes || '\n'}`)
  console.log(`\n→ ${path.relative(process.cwd(), doc)}`)
}
