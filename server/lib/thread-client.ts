import { Worker } from 'node:worker_threads'

interface Pending {
  resolve(result: unknown): void
  reject(error: unknown): void
}

/**
 * Requests to a worker thread and their answers, matched by id. The thread posts `{ ready: true }` once
 * it can take requests, then `{ id, result }` or `{ id, error }` for each. A thread that dies takes its
 * unanswered requests with it (they fail) and the next request starts a new one.
 */
export class ThreadClient<Request extends object, Result, ThreadError> {
  private worker: Worker | null = null
  private ready: Promise<void> | null = null
  private readonly pending = new Map<number, Pending>()
  private next = 0

  constructor(
    private readonly script: URL,
    private readonly workerData: unknown,
    private readonly name: string,
    private readonly toError: (e: ThreadError) => Error,
  ) {}

  start(): Promise<void> {
    if (this.ready) return this.ready
    const worker = new Worker(this.script, { workerData: this.workerData })
    // The server's shutdown closes it; it must not by itself keep a finished process (a test) alive.
    worker.unref()
    this.worker = worker
    this.ready = new Promise((resolve, reject) => {
      worker.on('message', (m: { ready?: true; id?: number; result?: Result; error?: ThreadError }) => {
        if (m.ready) return resolve()
        const p = this.pending.get(m.id!)
        this.pending.delete(m.id!)
        if (m.error) p?.reject(this.toError(m.error))
        else p?.resolve(m.result)
      })
      const gone = (error: unknown) => {
        if (this.worker === worker) {
          this.worker = null
          this.ready = null
        }
        reject(error)
        for (const p of this.pending.values()) p.reject(error)
        this.pending.clear()
      }
      worker.on('error', gone)
      worker.on('exit', (code) => gone(new Error(`${this.name} thread exited (${code})`)))
    })
    return this.ready
  }

  async call(request: Request): Promise<Result> {
    await this.start()
    const id = this.next++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: (r) => resolve(r as Result), reject })
      this.worker!.postMessage({ id, ...request })
    })
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = null
    this.ready = null
    if (worker) await worker.terminate()
  }
}
