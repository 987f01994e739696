import type { Kysely } from 'kysely'
import type { Database, SurveyVersionRow } from '../db/schema.ts'
import type { Db } from '../db/types.ts'
import { DomainError } from '../domain/errors.ts'
import { SurveyDefinition } from '../domain/survey-definition.ts'
import { parseSurveyKey, surveyKey } from '../domain/questions.ts'
import { canonicalJson, sha256 } from '../lib/canonical-json.ts'
import type { Clock } from '../lib/clock.ts'
import { findSurveyVersion, findSurveyVersionById, insertSurveyVersion, latestPublished } from './repository.ts'

export interface SurveyVersion {
  id: number
  key: string
  status: SurveyVersionRow['status']
  hash: string
  definition: SurveyDefinition
}

function toVersion(row: SurveyVersionRow): SurveyVersion {
  return {
    id: row.id,
    key: `${row.instrument}@${row.version}`,
    status: row.status,
    hash: row.hash,
    definition: SurveyDefinition.parse(JSON.parse(row.content)),
  }
}

/**
 * Published survey versions never change, so their parsed definitions are cached for the life of the
 * process; only the status (published → retired) is read again. Drafts are not in the catalog at all: they
 * are work in progress (possibly with problems), seen only by the builder, never by citizens or reports.
 */
export class SurveyCatalog {
  private byId = new Map<number, SurveyVersion>()
  constructor(private readonly db: Kysely<Database>) {}

  // `db` lets a caller inside a transaction look up through it: on SQLite a query on the pool would
  // wait for that very transaction.
  async byKey(key: string, db: Db = this.db): Promise<SurveyVersion | undefined> {
    const parsed = parseSurveyKey(key)
    if (!parsed) return undefined
    for (const v of this.byId.values()) if (v.key === key) return v
    const row = await findSurveyVersion(db, parsed.instrument, parsed.version)
    return row ? this.remember(row) : undefined
  }

  async get(id: number, db: Db = this.db): Promise<SurveyVersion | undefined> {
    const cached = this.byId.get(id)
    if (cached) return cached
    const row = await findSurveyVersionById(db, id)
    return row ? this.remember(row) : undefined
  }

  async latest(instrument: string, db: Db = this.db): Promise<SurveyVersion | undefined> {
    const row = await latestPublished(db, instrument)
    return row ? this.remember(row) : undefined
  }

  forget(id: number): void {
    this.byId.delete(id)
  }

  private remember(row: SurveyVersionRow): SurveyVersion | undefined {
    if (row.status === 'draft') return undefined
    const v = toVersion(row)
    this.byId.set(v.id, v)
    return v
  }
}

export function definitionHash(def: SurveyDefinition): { content: string; hash: string } {
  const content = canonicalJson(def)
  return { content, hash: sha256(content) }
}

/**
 * Publishes the definition files: a new id and version is stored as published; one already stored must
 * be identical, because answers already given were given to that wording.
 */
export async function publishDefinitions(db: Kysely<Database>, defs: SurveyDefinition[], clock: Clock) {
  const added: string[] = []
  for (const def of defs) {
    const { content, hash } = definitionHash(def)
    const existing = await findSurveyVersion(db, def.instrument, def.version)
    if (!existing) {
      await insertSurveyVersion(db, { instrument: def.instrument, version: def.version, content, hash, status: 'published', at: clock.now().toISOString() })
      added.push(surveyKey(def))
    } else if (existing.hash !== hash && existing.status !== 'draft') {
      throw new DomainError('conflict', 'published_version_changed', {
        vi: `Phiếu ${surveyKey(def)} đã ban hành và không được sửa; hãy tạo phiên bản ${def.version + 1}`,
        en: `Survey ${surveyKey(def)} is already published and cannot change; create version ${def.version + 1} instead`,
      })
    }
  }
  return added
}
