import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DataTable } from './Table';

describe('DataTable', () => {
  it('names the table by its caption, heads each column and renders the rows', () => {
    render(
      <DataTable caption="Deployments" columns={['Status', false, 'Project', { label: 'Actions', srOnly: true }]}>
        <tr><td>live</td><td>shop</td><td><button type="button">Roll back</button></td></tr>
        <tr><td>failed</td><td>blog</td><td /></tr>
      </DataTable>,
    );
    const table = screen.getByRole('table', { name: 'Deployments' });
    expect(table.querySelector('caption')).toHaveClass('sr-only');
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual(['Status', 'Project', 'Actions']);
    headers.forEach((h) => expect(h).toHaveAttribute('scope', 'col'));
    expect(within(headers[2]).getByText('Actions')).toHaveClass('sr-only');
    expect(within(headers[0]).getByText('Status')).not.toHaveClass('sr-only');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByRole('cell', { name: 'shop' })).toBeInTheDocument();
    expect(within(rows[1]).getByRole('button', { name: 'Roll back' })).toBeInTheDocument();
    expect(table.parentElement).toHaveClass('relative', 'overflow-x-auto', 'border');
  });

  it('has no frame of its own when bare and no caption unless given one', () => {
    render(<DataTable bare columns={['Key']}><tr><td>PORT</td></tr></DataTable>);
    const table = screen.getByRole('table');
    expect(table.querySelector('caption')).toBeNull();
    expect(table.parentElement).toHaveClass('relative', 'overflow-x-auto');
    expect(table.parentElement).not.toHaveClass('border');
  });
});
