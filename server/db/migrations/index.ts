import type { Migration } from 'kysely'
import * as init from './2026-11-22_init.ts'

/** A static map, so bundling or a changed working directory can never lose a migration. */
export const migrations: Record<string, Migration> = {
  '2026-11-22_init': init,
}
