import type pg from 'pg'

const INT8 = 20

/**
 * Type parsers for our pool only (the pg module's global table is left alone): PostgreSQL types
 * `count(*)` and `sum(integer)` as bigint, which pg returns as a string to keep precision. Every bigint
 * here is a count of responses or answers, far below 2^53, so it is read as a number and the row types
 * say the same on both databases.
 */
export function poolTypes(types: typeof pg.types): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8 && format !== 'binary' ? (value: string) => Number(value) : types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
  }
}
