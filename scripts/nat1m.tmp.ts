import { measure } from './bench/national.ts'
const rows: string[] = []
const which = process.argv[2] ?? '/tmp/hailong-bench/national-34-1000000.db'
await measure(which.startsWith('postgres') ? 'PostgreSQL 1M' : 'SQLite', which, (area, m, v, target = '', ok?: boolean) => rows.push(`| ${m} | ${v} | ${target} | ${ok === undefined ? '' : ok ? 'met' : 'NOT met'} |`), { browser: process.argv.includes('--browser'), targets: true, quick: false })
console.log(rows.join('\n'))
process.exit(0)
