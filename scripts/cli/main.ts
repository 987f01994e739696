import { parseArgs } from 'node:util'
import { fromDatabaseError } from '../../server/db/errors.ts'
import { DomainError } from '../../server/domain/errors.ts'
import { ImportRejected, formatRowIssue } from '../../server/imports/row-issues.ts'
import { commands, type Command } from './commands.ts'
import { UsageError } from './usage-error.ts'

const usage = `hailong — đo lường sự hài lòng / citizen-satisfaction surveys

Cách dùng / Usage:
${Object.entries(commands)
  .map(([name, c]) => `  hailong ${name} ${c.args}\n      ${c.help}`)
  .join('\n')}

Cấu hình / Configuration: DATABASE_URL (mặc định ./data/hailong.db), PORT, HAILONG_TZ (Asia/Ho_Chi_Minh)`

async function main(argv: string[]): Promise<number> {
  const words = argv.filter((a) => !a.startsWith('-'))
  const name = [words.slice(0, 2).join(' '), words[0] ?? ''].find((n) => n in commands)
  if (!name || argv.includes('--help') || argv.includes('-h')) {
    console.log(usage)
    return name || argv.includes('--help') || argv.includes('-h') ? 0 : 2
  }
  const command: Command = commands[name]!
  const rest = argv.slice(argv.indexOf(name.split(' ').at(-1)!) + 1)
  const { values, positionals } = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true })
  return command.run({ values: values as Record<string, string | boolean | undefined>, positionals })
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (thrown) {
  const e = fromDatabaseError(thrown) ?? thrown
  if (e instanceof ImportRejected) {
    console.log(`imported 0, already present 0, rejected ${e.rejectedRows}`)
    for (const r of e.rows) console.error(formatRowIssue(r))
    if (e.rows.length < e.rejectedRows) console.error(`… (${e.rejectedRows - e.rows.length} more rows not shown)`)
    console.error(`${e.text.vi} / ${e.text.en}`)
    process.exitCode = 1
  } else if (e instanceof DomainError) {
    console.error(`Lỗi / Error: ${e.text.vi} / ${e.text.en}`)
    for (const d of e.details ?? []) console.error(`  ${d.field}: ${d.message.vi} / ${d.message.en}`)
    process.exitCode = 1
  } else if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${(e as Error).message}\n\n${usage}`)
    process.exitCode = 2
  } else {
    console.error(`Lỗi / Error: ${(e as Error).message}`)
    process.exitCode = 1
  }
}
