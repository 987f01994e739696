import { render } from 'preact'

function Kiosk() {
  return (
    <main style="font-family:system-ui;text-align:center;padding:3rem">
      <h1>Máy chưa được ghép nối với quầy</h1>
      <p lang="en">This tablet is not paired with a desk yet</p>
    </main>
  )
}

render(<Kiosk />, document.getElementById('app')!)
