// A worker thread starts without the parent's TypeScript loader: register it, then load the writer.
import { register } from 'tsx/esm/api'

register()
await import('./writer-thread.ts')
