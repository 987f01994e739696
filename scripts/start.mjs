#!/usr/bin/env node
// `npm start`: build the web app when it is missing or older than its sources, then run the server
// (migrations, first-run demo data and the URLs to open are the server's own start-up).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'

const root = fileURLToPath(new URL('..', import.meta.url))
const built = path.join(root, 'dist/web/index.html')

function newestSource(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs)
  }
  return newest
}

const sources = Math.max(newestSource(path.join(root, 'web')), newestSource(path.join(root, 'server/domain')), fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs)
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
  console.log('Đang dựng giao diện web / building the web app…')
  const { build } = await import('vite')
  await build({ configFile: path.join(root, 'vite.config.ts'), root: path.join(root, 'web'), logLevel: 'warn' })
}

process.chdir(root)
register()
await import('../server/index.ts')
