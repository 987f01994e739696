// One entry for both preview frames (/preview/phone, /preview/kiosk): each loads only its own page and CSS.
if (location.pathname.endsWith('/kiosk')) void import('./kiosk.tsx')
else void import('./phone.tsx')
