import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { formatIssues, SurveyDefinition } from '../domain/survey-definition.ts'

export const DEFINITIONS_DIR = fileURLToPath(new URL('../../survey-definitions/', import.meta.url))

export class DefinitionFileError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail.split('\n').join(`\n${file}: `)}`)
    this.name = 'DefinitionFileError'
  }
}

/** Reads and validates one definition file; the error names the file and the path inside it. */
export function readDefinitionFile(file: string): SurveyDefinition {
  const shown = path.relative(process.cwd(), file) || file
  let json: unknown
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (e) {
    throw new DefinitionFileError(shown, `not valid JSON (${(e as Error).message})`)
  }
  const parsed = SurveyDefinition.safeParse(json)
  if (!parsed.success) throw new DefinitionFileError(shown, formatIssues(parsed.error))
  const expected = `${parsed.data.instrument}.v${parsed.data.version}.json`
  if (path.basename(file) !== expected)
    throw new DefinitionFileError(shown, `(root): file name must be ${expected} for instrument "${parsed.data.instrument}" version ${parsed.data.version}`)
  return parsed.data
}

export function readDefinitionDir(dir: string = DEFINITIONS_DIR): SurveyDefinition[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readDefinitionFile(path.join(dir, f)))
}
