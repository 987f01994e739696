import type { Kysely, Transaction } from 'kysely'
import type { Database } from './schema.ts'

/** Repository functions take either the database or the caller's transaction. */
export type Db = Kysely<Database> | Transaction<Database>
