import type { Page } from '../api/types';
import { Button } from './Button';

/** Previous/next for a {@link Page}, with the totals. */
export function Pagination({ page, onChange }: { page: Page<unknown>['page']; onChange: (pageNumber: number) => void }) {
  if (page.totalPages <= 1) return null;
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-slate-600">
      <span>Page {page.number + 1} of {page.totalPages} · {page.totalElements} in all</span>
      <div className="flex gap-2">
        <Button variant="secondary" disabled={page.number === 0} onClick={() => onChange(page.number - 1)}>Previous</Button>
        <Button variant="secondary" disabled={page.number + 1 >= page.totalPages} onClick={() => onChange(page.number + 1)}>Next</Button>
      </div>
    </nav>
  );
}
