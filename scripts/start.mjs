#!/usr/bin/env node
// `npm start`: build the web app when it is missing or older than its sources, then run the server
// (migrations, first-run demo data and the URLs to open are the server's own start-up).
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'
import { ensureWebBuilt } from './build-web.mjs'

await ensureWebBuilt()
process.chdir(fileURLToPath(new URL('..', import.meta.url)))
register()
await import('../server/index.ts')
