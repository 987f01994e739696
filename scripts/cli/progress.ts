/** A progress line on a terminal (nothing when output goes to a file or a pipe). */
export function progress(label: string) {
  const tty = process.stderr.isTTY
  let last = 0
  return {
    tick(count: number, phase = '') {
      if (!tty || Date.now() - last < 200) return
      last = Date.now()
      process.stderr.write(`\r${label}${phase ? ` (${phase})` : ''}: ${count.toLocaleString('vi-VN')} dòng/rows`)
    },
    done() {
      if (tty && last) process.stderr.write('\r\x1b[K')
    },
  }
}
