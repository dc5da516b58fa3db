import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { Badge, type Tone } from '../../ui/Badge';
import { formatDuration } from '../../ui/format';
import type { Dora } from './api';

const healthText: Record<string, { text: string; tone: Tone }> = {
  healthy: { text: 'healthy', tone: 'green' },
  unhealthy: { text: 'failing', tone: 'red' },
  unknown: { text: 'unknown', tone: 'gray' },
};

/** A health check's state as a badge whose text (not only its colour) says it. */
export function HealthBadge({ state }: { state: string }) {
  const shown = healthText[state] ?? { text: state, tone: 'gray' as Tone };
  return (
    <Badge tone={shown.tone} label={`health ${shown.text}`}>
      <span aria-hidden="true">{state === 'healthy' ? '●' : state === 'unhealthy' ? '▲' : '○'}</span>
      {shown.text}
    </Badge>
  );
}

/** Seconds (as the metrics API gives them) in words. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  return formatDuration(seconds * 1000);
}

export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(rate * 100).toFixed(rate === 0 || rate === 1 ? 0 : 1)} %`;
}

export function formatMoney(amount: number | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined) return 'Unknown';
  if (!currency) return String(amount);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 2 }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A labelled figure in a card (DORA headline, counts). */
export function Stat({ label, value, detail }: { label: string; value: ReactNode; detail?: ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-slate-900">{value}</dd>
      {detail && <dd className="mt-1 text-xs text-slate-500">{detail}</dd>}
    </div>
  );
}

const tabClass = ({ isActive }: { isActive: boolean }) =>
  `inline-block whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${isActive ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`;

/** The monitoring sections as links (each is its own route). */
export function MonitoringTabs() {
  return (
    <nav aria-label="Monitoring sections" className="mb-6 overflow-x-auto border-b border-slate-200">
      <ul className="flex gap-2">
        <li><NavLink to="/monitoring/health" className={tabClass}>Health</NavLink></li>
        <li><NavLink to="/monitoring/alerts" className={tabClass}>Alerts</NavLink></li>
        <li><NavLink to="/monitoring/metrics" className={tabClass}>Metrics</NavLink></li>
      </ul>
    </nav>
  );
}

export const tdClass = 'whitespace-nowrap px-3 py-2 text-slate-700';

/** "1 probe", "3 probes". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The four DORA figures of a project; `compact` for the overview, the full details on the metrics page. */
export function DoraStats({ dora, compact = false }: { dora: Dora; compact?: boolean }) {
  const { deploymentFrequency: frequency, leadTimeForChanges: lead, changeFailureRate: failures, timeToRestore: restore } = dora;
  return (
    <dl className={`grid grid-cols-1 gap-4 sm:grid-cols-2 ${compact ? 'lg:grid-cols-4' : 'xl:grid-cols-4'}`}>
      <Stat label="Deployment frequency" value={`${frequency.perDay.toFixed(2)} ${compact ? '/ day' : 'per day'}`}
        detail={compact ? plural(frequency.deployments, 'ready deployment')
          : `${plural(frequency.deployments, 'ready deployment')} in ${plural(Math.round(dora.days), 'day')}`} />
      <Stat label="Lead time for changes" value={formatSeconds(lead.medianSeconds)}
        detail={compact ? 'median, commit to ready'
          : `median commit to ready; p90 ${formatSeconds(lead.p90Seconds)}; ${plural(lead.changes, 'change')}`} />
      <Stat label="Change failure rate" value={formatPercent(failures.rate)}
        detail={`${failures.failedChanges} of ${plural(failures.deployments, 'deployment')} failed`} />
      <Stat label="Time to restore" value={formatSeconds(restore.medianSeconds)}
        detail={`median; ${restore.restored} restored, ${restore.unrestored} ${compact ? 'still open' : 'not restored'}`} />
    </dl>
  );
}
