#!/usr/bin/env node
// One app node, as a process manager or the multi-node test starts it: the server alone, configured by
// the environment (DATABASE_URL, PORT — 0 takes any free port —, HOST, HAILONG_TRUST_PROXY, …). Unlike
// `npm start` it builds nothing and seeds no demo province unless HAILONG_NO_SEED=0: nodes that start
// together on one database must not each try to seed it.
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'

process.env.HAILONG_NO_SEED ??= '1'
if (process.env.HAILONG_NO_SEED === '0') delete process.env.HAILONG_NO_SEED
process.chdir(fileURLToPath(new URL('..', import.meta.url)))
register()
await import('../server/index.ts')
