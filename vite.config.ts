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
    rollupOptions: {
      // The builder's preview frames: the citizens' own pages and components, fed by the builder.
      input: { index: web('index.html'), kiosk: web('kiosk.html'), survey: web('survey.html'), 'preview-phone': web('preview-phone.html'), 'preview-kiosk': web('preview-kiosk.html') },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' } },
})
