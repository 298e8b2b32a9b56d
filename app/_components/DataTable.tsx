import type { ReactNode } from "react";

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Keeps short values (IDs, dates) on one line. */
  nowrap?: boolean;
  /** The header is for assistive tech only (a column of selection controls, say). */
  hideHeader?: boolean;
  /** Lets a long header ("Messages available") take two lines so a wide table fits. */
  wrapHeader?: boolean;
}

interface DataTableProps<Row> {
  /** Names the table for assistive tech, e.g. "Members". */
  label: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Shown instead of rows when there are none: what's missing and what to do about it. */
  empty: ReactNode;
}

export function DataTable<Row>({ label, columns, rows, rowKey, empty }: DataTableProps<Row>) {
  return (
    <>
      <div className="table-scroll">
        <table className="table" aria-label={label}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col" className={c.wrapHeader ? "th-wrap" : undefined}>
                  {c.hideHeader ? <span className="visually-hidden">{c.header}</span> : c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c) => (
                  <td key={c.header} className={c.nowrap ? "nowrap" : undefined}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* Outside the scrolling area, so a wide table on a narrow screen doesn't push it out of view. */}
      {rows.length === 0 && empty}
    </>
  );
}

/** The console's empty state: a title, a line of explanation and usually one call to action. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state-title">{title}</p>
      {children && <p className="empty-state-text">{children}</p>}
      {action}
    </div>
  );
}

/**
 * The first column of a list whose toolbar acts on one row: a radio button per row, named
 * "Select <row name>". `group` names the radio group (one useId per table).
 */
export function selectColumn<Row>(group: string, nameOf: (row: Row) => string, selected: string | null, onSelect: (name: string) => void): Column<Row> {
  return {
    header: "Select",
    hideHeader: true,
    cell: (row) => {
      const name = nameOf(row);
      return <input type="radio" name={group} aria-label={`Select ${name}`} checked={name === selected} onChange={() => onSelect(name)} />;
    },
  };
}
