import { once } from 'node:events'
import fs from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { expect, it } from 'vitest'
import { startNode } from '../../scripts/node-process.ts'

it('a port already taken stops the server with a sentence in both languages, not a stack trace', async () => {
  const taken = createServer()
  taken.listen(0, '127.0.0.1')
  await once(taken, 'listening')
  const port = (taken.address() as AddressInfo).port
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-startup-'))
  try {
    const started = startNode({ PORT: String(port), DATABASE_URL: path.join(dir, 'hailong.db') })
    const error = await started.then(
      async (node) => {
        await node.stop()
        return null
      },
      (e: Error) => e,
    )
    expect(error?.message).toMatch(/node exited \(1\)/)
    expect(error?.message).toContain(`Cổng ${port} đang được dùng bởi chương trình khác`)
    expect(error?.message).toContain(`Port ${port} is in use by another program`)
    expect(error?.message).not.toMatch(/EADDRINUSE|at Server\./)
  } finally {
    taken.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
