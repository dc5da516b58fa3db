import type { ReactNode } from 'react';

export type Column = string | { label: string; srOnly?: boolean; className?: string };

/** The dashboard's data table: a horizontally scrolling frame (`relative`, so sr-only captions and headers never widen a phone's page), an optional sr-only caption, a header row of `th scope="col"` cells (falsy columns are skipped) and `children` as the body rows. */
export function DataTable({
  caption,
  columns,
  children,
  bare = false,
  className = '',
  tableClassName = 'min-w-full',
  headClassName = 'px-4 py-2',
  bodyClassName = '',
}: {
  caption?: string;
  columns: (Column | false | null | undefined)[];
  children: ReactNode;
  /** inside a Card: no border, background or shadow of its own */
  bare?: boolean;
  className?: string;
  tableClassName?: string;
  /** classes of every header cell unless its column brings its own */
  headClassName?: string;
  bodyClassName?: string;
}) {
  const frame = bare ? '' : 'rounded-lg border border-slate-200 bg-white shadow-sm';
  return (
    <div className={['relative overflow-x-auto', frame, className].filter(Boolean).join(' ')}>
      <table className={`${tableClassName} divide-y divide-slate-200 text-left text-sm`}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className={`${bare ? '' : 'bg-slate-50 '}text-left text-xs font-semibold uppercase tracking-wide text-slate-500`}>
          <tr>
            {columns.filter((c): c is Column => Boolean(c)).map((c) => {
              const col = typeof c === 'string' ? { label: c } : c;
              return (
                <th key={col.label} scope="col" className={col.className ?? headClassName}>
                  {col.srOnly ? <span className="sr-only">{col.label}</span> : col.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className={['divide-y divide-slate-100', bodyClassName].filter(Boolean).join(' ')}>{children}</tbody>
      </table>
    </div>
  );
}
