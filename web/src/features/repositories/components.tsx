import { useId, useState, type ReactNode } from 'react';
import { Badge, type Tone } from '../../ui/Badge';

const analysisTones: Record<string, Tone> = { queued: 'gray', running: 'blue', completed: 'green', failed: 'red' };

/** An analysis' state as text and colour (in-progress ones pulse). */
export function AnalysisStatusBadge({ status }: { status: string }) {
  const live = status === 'queued' || status === 'running';
  return (
    <Badge tone={analysisTones[status] ?? 'gray'} label={`analysis ${status}`}>
      {live && <span className="size-1.5 animate-pulse rounded-full bg-current" aria-hidden="true" />}
      {status}
    </Badge>
  );
}

/** Copies a command to the clipboard and says so. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
    window.setTimeout(() => setState('idle'), 2000);
  };
  return (
    <button
      type="button"
      aria-label={label}
      onClick={() => void copy()}
      className="shrink-0 rounded px-2 py-1 text-xs font-medium text-indigo-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}</span>
    </button>
  );
}

/** A term and its value; the value is labelled by the term, so "Framework" can be found by its label. */
export function Entry({ term, children }: { term: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className="min-w-0">
      <dt id={id} className="text-xs font-medium uppercase tracking-wide text-slate-500">{term}</dt>
      <dd aria-labelledby={id} className="mt-1 break-words text-sm text-slate-900">{children}</dd>
    </div>
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return <span className="text-slate-400">{children}</span>;
}
