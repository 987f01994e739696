import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const serveScript = fileURLToPath(new URL('./serve.mjs', import.meta.url))

export interface NodeProcess {
  /** http://127.0.0.1:<port> */
  url: string
  child: ChildProcess
  /** Everything the process printed, for the failure message. */
  output(): string
  stop(): Promise<void>
}

/**
 * One real app node in its own process (`node scripts/serve.mjs`) on a free port of 127.0.0.1, as an
 * operator runs it; resolves once it prints the address it listens on.
 */
export function startNode(env: Record<string, string>, timeoutMs = 60_000): Promise<NodeProcess> {
  const child = spawn(process.execPath, [serveScript], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', HAILONG_NO_SEED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 8000)
      await exited
      clearTimeout(timer)
    }
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`node did not start in ${timeoutMs} ms:\n${out}`))
    }, timeoutMs)
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const port = /Kiểm tra \/ Health:\s+https?:\/\/[^:/\s]+:(\d+)\/healthz/.exec(out)?.[1]
      if (port) {
        clearTimeout(timer)
        resolve({ url: `http://127.0.0.1:${port}`, child, output: () => out, stop })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`node exited (${code}) before listening:\n${out}`))
    })
  })
}
