import type { ComponentChildren } from 'preact'

/**
 * A captioned table with a header row, scrolling sideways on narrow screens; rows come as children. With
 * `empty`, a table without rows says so in words across its columns instead of showing bare headings.
 */
export function DataTable({ caption, columns, children, empty }: { caption: ComponentChildren; columns: string[]; children: ComponentChildren; empty?: string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {empty ? (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : (
            children
          )}
        </tbody>
      </table>
    </div>
  )
}

/**
 * A row's state and, where the viewer may change it, the button that does (deactivate an agency, lock an
 * account); `change` is null where they may not.
 */
export function StatusCell({ status, change }: { status: ComponentChildren; change: { label: string; run(): void } | null }) {
  return (
    <td>
      {status}{' '}
      {change ? (
        <button type="button" class="secondary small" onClick={change.run}>
          {change.label}
        </button>
      ) : null}
    </td>
  )
}
