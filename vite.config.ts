import { fileURLToPath } from 'node:url'
import preact from '@preact/preset-vite'
import { defineConfig, type Plugin } from 'vite'

const web = (file: string) => fileURLToPath(new URL(`./web/${file}`, import.meta.url))

/**
 * The document every entry page shares. A page's file holds only its own lines (theme colour, title, icons,
 * entry script); this wraps them before Vite reads the scripts, in the dev server as in the build, so the
 * built pages are whole documents and no page can drift from the others' charset or viewport.
 */
const pageShell: Plugin = {
  name: 'hailong:page-shell',
  transformIndexHtml: {
    order: 'pre',
    handler(own) {
      const lines = own.trim().split('\n')
      const indented = (script: boolean) =>
        lines
          .filter((line) => line.startsWith('<script') === script)
          .map((line) => `    ${line}\n`)
          .join('')
      return `<!doctype html>
<html lang="vi">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
${indented(false)}  </head>
  <body>
    <div id="app"></div>
${indented(true)}  </body>
</html>
`
    },
  },
}

// One HTML entry per audience: the kiosk and the phone survey load none of the dashboard's code.
export default defineConfig({
  root: 'web',
  plugins: [pageShell, preact()],
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
