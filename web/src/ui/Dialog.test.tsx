import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/problem';
import { Button } from './Button';
import { ConfirmDialog } from './Dialog';

describe('ConfirmDialog', () => {
  it('runs the action only when confirmed and closes', async () => {
    const action = vi.fn().mockResolvedValue(undefined);
    const user = userEvent.setup();
    render(<ConfirmDialog trigger={<Button>Cancel</Button>} title="Cancel this deployment?" description="The build stops."
      confirmLabel="Cancel deployment" tone="danger" onConfirm={action} />);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('alertdialog', { name: 'Cancel this deployment?' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Keep as is' }));
    expect(action).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Cancel deployment' }));
    expect(action).toHaveBeenCalledOnce();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('stays open and shows the problem when the action fails', async () => {
    const user = userEvent.setup();
    render(<ConfirmDialog trigger={<Button>Roll back</Button>} title="Roll back?" description="…" confirmLabel="Roll back now"
      onConfirm={() => Promise.reject(new ApiError(409, { title: 'Conflict', detail: 'Nothing to roll back to.', requestId: 'r-9' }))} />);
    await user.click(screen.getByRole('button', { name: 'Roll back' }));
    await user.click(screen.getByRole('button', { name: 'Roll back now' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Nothing to roll back to.');
    expect(screen.getByRole('alert')).toHaveTextContent('r-9');
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
  });

  it('shows extra content, says when it opens and closes, and holds the confirm button back when told', async () => {
    const action = vi.fn();
    const changes: boolean[] = [];
    const user = userEvent.setup();
    const { rerender } = render(<ConfirmDialog trigger={<Button>Roll back</Button>} title="Roll back?" description="Redeploys it."
      confirmLabel="Roll back now" onConfirm={action} onOpenChange={(open) => changes.push(open)} confirmDisabled>
      <p>Two commits removed</p>
    </ConfirmDialog>);
    await user.click(screen.getByRole('button', { name: 'Roll back' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Roll back?' });
    expect(dialog).toHaveTextContent('Two commits removed');
    expect(dialog).toHaveAccessibleDescription('Redeploys it.');
    expect(screen.getByRole('button', { name: 'Roll back now' })).toBeDisabled();
    rerender(<ConfirmDialog trigger={<Button>Roll back</Button>} title="Roll back?" description="Redeploys it."
      confirmLabel="Roll back now" onConfirm={action} onOpenChange={(open) => changes.push(open)}>
      <p>Two commits removed</p>
    </ConfirmDialog>);
    await user.click(screen.getByRole('button', { name: 'Roll back now' }));
    expect(action).toHaveBeenCalledOnce();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(changes).toEqual([true, false]);
  });
});
