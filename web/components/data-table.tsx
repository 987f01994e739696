import type { ComponentChildren } from 'preact'

/** A captioned table with a header row, scrolling sideways on narrow screens; rows come as children. */
export function DataTable({ caption, columns, children }: { caption: ComponentChildren; columns: string[]; children: ComponentChildren }) {
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
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}
