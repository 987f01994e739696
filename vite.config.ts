import { fileURLToPath } from 'node:url'
import preact from '@preact/preset-vite'
import { defineConfig } from 'vite'

const web = (file: string) => fileURLToPath(new URL(`./web/${file}`, import.meta.url))

// One HTML entry per audience: the kiosk and the phone survey load none of the dashboard's code.
export default defineConfig({
  root: 'web',
  plugins: [preact()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2020',
    // Without the polyfill a browser lacking <link rel=modulepreload> only loses the early fetch, never a
    // page; it is ~0.7 KB of every first load (kiosk, phone survey and staff app alike).
    modulePreload: { polyfill: false },
    // dist/web/.vite/manifest.json: which chunk holds what; the bundle test reads it (never served: see routes/web.ts).
    manifest: true,
    rollupOptions: {
      // Chart.js in a chunk of its own, so the manifest can tell which pages reach it.
      output: { manualChunks: (id) => (id.includes('/node_modules/chart.js/') ? 'chart' : undefined) },
      // The builder's preview frames: the citizens' own pages and components, fed by the builder.
      input: {
        index: web('index.html'),
        kiosk: web('kiosk.html'),
        survey: web('survey.html'),
        preview: web('preview.html'),
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' } },
})
