// Builds the web app into dist/web when it is missing or older than its sources (npm start, browser tests).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

function newest(dir) {
  let time = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    time = Math.max(time, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs)
  }
  return time
}

export async function ensureWebBuilt({ quiet = false } = {}) {
  const built = path.join(root, 'dist/web/index.html')
  const sources = Math.max(newest(path.join(root, 'web')), newest(path.join(root, 'server/domain')), fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs)
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return false
  if (!quiet) console.log('Đang dựng giao diện web / building the web app…')
  const { build } = await import('vite')
  // Vitest runs this with NODE_ENV=test, and Vite would then keep the libraries' development code (a
  // kiosk 4 KB heavier than the one citizens get): the app is always built as for production.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ configFile: path.join(root, 'vite.config.ts'), root: path.join(root, 'web'), mode: 'production', logLevel: 'warn' })
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
  }
  return true
}
