import type { ReactNode } from 'react';

export type Tone = 'gray' | 'blue' | 'amber' | 'green' | 'red' | 'indigo';

const tones: Record<Tone, string> = {
  gray: 'bg-slate-100 text-slate-700 ring-slate-300',
  blue: 'bg-sky-50 text-sky-700 ring-sky-300',
  amber: 'bg-amber-50 text-amber-800 ring-amber-300',
  green: 'bg-emerald-50 text-emerald-700 ring-emerald-300',
  red: 'bg-red-50 text-red-700 ring-red-300',
  indigo: 'bg-indigo-50 text-indigo-700 ring-indigo-300',
};

export function Badge({ tone = 'gray', children, label }: { tone?: Tone; children: ReactNode; label?: string }) {
  return (
    <span aria-label={label} className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}>
      {children}
    </span>
  );
}

const statusTones: Record<string, Tone> = {
  awaiting_approval: 'amber',
  queued: 'gray',
  building: 'blue',
  deploying: 'indigo',
  ready: 'green',
  error: 'red',
  cancelled: 'amber',
  healthy: 'green',
  unhealthy: 'red',
  degraded: 'amber',
  unknown: 'gray',
  open: 'red',
  acknowledged: 'amber',
  resolved: 'green',
};

const live = new Set(['queued', 'building', 'deploying']);

/** A deployment (or health/alert) status with its colour; in-progress ones pulse. */
export function StatusBadge({ status }: { status: string }) {
  const tone = statusTones[status.toLowerCase()] ?? 'gray';
  return (
    <Badge tone={tone} label={`status ${status}`}>
      {live.has(status) && <span className="size-1.5 animate-pulse rounded-full bg-current" aria-hidden="true" />}
      {status.replaceAll('_', ' ')}
    </Badge>
  );
}
