import { render } from 'preact'
import './kiosk.css'
import { KioskApp } from './app.tsx'

// Full screen at the first touch (browsers allow it only from a user gesture); nothing to navigate away.
addEventListener('pointerdown', () => void document.documentElement.requestFullscreen?.().catch(() => {}), { once: true, capture: true })
addEventListener('contextmenu', (e) => e.preventDefault())

// The service worker keeps the app shell for offline starts; it needs a secure context (HTTPS or localhost).
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/kiosk-sw.js', { scope: '/kiosk' }).catch(() => {})

render(<KioskApp />, document.getElementById('app')!)
