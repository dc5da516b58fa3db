import { useMemo, useState } from 'react';
import { Badge } from '../../ui/Badge';
import { Card } from '../../ui/Card';
import type { Analysis, AppFindings, BuildConfiguration, DetectedApp, Dependencies, EnvironmentVariable, Evidence } from './api';
import { CopyButton, Entry, Muted } from './components';
import { DataTable } from '../../ui/Table';

/** What the selected project of the repository consists of: the primary app, or one app of a monorepo. */
interface ProjectView extends ReturnType<typeof findings> {
  name: string | null;
  directory: string;
  role: string | null;
}

/** Deployable apps before libraries; otherwise the engine's order (its primary first). */
export function orderApps(apps: DetectedApp[]): DetectedApp[] {
  return apps.map((app, index) => ({ app, index }))
    .sort((a, b) => (a.app.role === 'app' ? 0 : 1) - (b.app.role === 'app' ? 0 : 1) || a.index - b.index)
    .map(({ app }) => app);
}

/** The findings as the report shows them: no lists left null. */
function findings(f: AppFindings) {
  return {
    framework: f.framework,
    language: f.language,
    packageManager: f.packageManager,
    buildConfiguration: f.buildConfiguration,
    environmentVariables: f.environmentVariables ?? [],
    dependencies: f.dependencies,
    evidence: f.evidence ?? [],
  };
}

function primary(analysis: Analysis): ProjectView {
  return {
    name: null,
    directory: analysis.rootDirectory ?? '',
    role: null,
    ...findings(analysis),
  };
}

function ofApp(app: DetectedApp): ProjectView {
  return {
    name: app.name,
    directory: app.directory,
    role: app.role,
    ...findings(app),
  };
}

export function formatConfidence(confidence: number | null | undefined): string {
  return confidence === null || confidence === undefined ? '—' : `${Math.round(confidence * 100)} %`;
}

function formatCost(cost: { monthly: number; currency: string } | null | undefined): string {
  if (!cost) return '—';
  try {
    return `${new Intl.NumberFormat(undefined, { style: 'currency', currency: cost.currency }).format(cost.monthly)} / month`;
  } catch {
    return `${cost.monthly} ${cost.currency} / month`;
  }
}

/** A completed analysis: stack, commands, variables, dependencies, recommendation, warnings and evidence. */
export function AnalysisReport({ analysis }: { analysis: Analysis }) {
  const apps = useMemo(() => orderApps(analysis.apps ?? []), [analysis.apps]);
  const [selected, setSelected] = useState(0);
  const showApps = apps.length > 1;
  const view = showApps && apps[selected] ? ofApp(apps[selected]) : primary(analysis);
  const primaryDirectory = analysis.rootDirectory ?? '';

  return (
    <div className="space-y-6">
      {showApps && (
        <Card title={`Apps in this repository (${apps.length})`}>
          <p className="mb-3 text-sm text-slate-600">
            This is a monorepo. The most deployable app comes first; choose one to see what was found for it.
          </p>
          <div role="group" aria-label="Detected apps" className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {apps.map((app, index) => (
              <button
                key={`${app.directory}:${app.name}`}
                type="button"
                aria-pressed={index === selected}
                onClick={() => setSelected(index)}
                className={`min-w-0 rounded-lg border p-3 text-left text-sm focus-visible:outline-2 focus-visible:outline-indigo-600 ${
                  index === selected ? 'border-indigo-500 bg-indigo-50' : 'border-slate-200 bg-white hover:bg-slate-50'
                }`}
              >
                <span className="flex flex-wrap items-center gap-2">
                  <span className="truncate font-medium text-slate-900">{app.name}</span>
                  <Badge tone={app.role === 'app' ? 'green' : 'gray'}>{app.role}</Badge>
                  {app.directory === primaryDirectory && <Badge tone="indigo">primary</Badge>}
                </span>
                <span className="mt-1 block truncate font-mono text-xs text-slate-500">{app.directory === '' ? '(repository root)' : app.directory}</span>
                <span className="mt-1 block text-xs text-slate-600">{app.framework?.name ?? 'No framework recognised'}</span>
              </button>
            ))}
          </div>
        </Card>
      )}

      <Card title={view.name ? `Detected stack · ${view.name}` : 'Detected stack'}>
        <dl className="grid grid-cols-2 gap-4 lg:grid-cols-3">
          <Entry term="Framework">
            {view.framework ? (
              <span className="font-semibold">{view.framework.name}{view.framework.version ? ` ${view.framework.version}` : ''}</span>
            ) : <Muted>None recognised</Muted>}
          </Entry>
          <Entry term="Confidence">{formatConfidence(view.framework?.confidence)}</Entry>
          <Entry term="Kind">{view.framework?.kind ?? <Muted>—</Muted>}</Entry>
          <Entry term="Language">{view.language ?? <Muted>—</Muted>}</Entry>
          <Entry term="Package manager">{view.packageManager ?? <Muted>—</Muted>}</Entry>
          <Entry term="Runtime">
            {view.buildConfiguration?.runtime
              ? `${view.buildConfiguration.runtime}${view.buildConfiguration.runtimeVersion ? ` ${view.buildConfiguration.runtimeVersion}` : ' (version not pinned)'}`
              : <Muted>—</Muted>}
          </Entry>
          <Entry term="Output directory">
            {view.buildConfiguration?.outputDirectory ? <code className="font-mono">{view.buildConfiguration.outputDirectory}</code> : <Muted>—</Muted>}
          </Entry>
          <Entry term="Directory">
            <code className="font-mono">{view.directory === '' ? '/' : view.directory}</code>
          </Entry>
          {view.role && <Entry term="Role">{view.role}</Entry>}
        </dl>
      </Card>

      <Commands configuration={view.buildConfiguration} />
      <EnvironmentVariables variables={view.environmentVariables} />
      <DependencyLists dependencies={view.dependencies} />
      <RecommendationCard analysis={analysis} />
      {(analysis.warnings?.length ?? 0) > 0 && (
        <Card title={`Warnings (${analysis.warnings!.length})`}>
          <ul className="list-disc space-y-1 pl-5 text-sm text-amber-800">
            {analysis.warnings!.map((warning, i) => <li key={i}>{warning}</li>)}
          </ul>
        </Card>
      )}
      <EvidenceTable evidence={view.evidence} />
    </div>
  );
}

const COMMANDS: { key: keyof BuildConfiguration; label: string }[] = [
  { key: 'installCommand', label: 'Install' },
  { key: 'buildCommand', label: 'Build' },
  { key: 'startCommand', label: 'Start' },
  { key: 'devCommand', label: 'Dev' },
];

function Commands({ configuration }: { configuration: BuildConfiguration | null }) {
  return (
    <Card title="Commands">
      <dl className="space-y-3">
        {COMMANDS.map(({ key, label }) => {
          const command = configuration?.[key] ?? null;
          return (
            <Entry key={key} term={label}>
              {command ? (
                <span className="flex items-center gap-2">
                  <code className="min-w-0 flex-1 overflow-x-auto whitespace-pre rounded bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">{command}</code>
                  <CopyButton value={command} label={`Copy ${label.toLowerCase()} command`} />
                </span>
              ) : <Muted>None — the project has no {label.toLowerCase()} step</Muted>}
            </Entry>
          );
        })}
      </dl>
    </Card>
  );
}

function EnvironmentVariables({ variables }: { variables: EnvironmentVariable[] }) {
  return (
    <Card title={`Environment variables (${variables.length})`}>
      {variables.length === 0 ? (
        <p className="text-sm text-slate-500">The code and its configuration read no environment variables that were found.</p>
      ) : (
        <DataTable caption="Environment variables the app reads" columns={['Key', 'Required', 'Type', 'Description', { label: 'Source', className: 'py-2' }]} bare headClassName="py-2 pr-4">
          {variables.map((v) => (
            <tr key={v.key}>
              <td className="py-2 pr-4 font-mono text-xs text-slate-900">{v.key}</td>
              <td className="py-2 pr-4">{v.required ? <Badge tone="amber">required</Badge> : <Badge>optional</Badge>}</td>
              <td className="py-2 pr-4 text-slate-700">{v.type}</td>
              <td className="min-w-48 py-2 pr-4 text-slate-700">{v.description ?? <Muted>—</Muted>}</td>
              <td className="py-2 font-mono text-xs text-slate-600">{v.source ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}

function DependencyLists({ dependencies }: { dependencies: Dependencies | null }) {
  const lists = [
    { label: 'Production dependencies', names: dependencies?.production ?? [] },
    { label: 'Development dependencies', names: dependencies?.development ?? [] },
  ];
  return (
    <Card title="Dependencies">
      <div className="space-y-3">
        {lists.map(({ label, names }) => (
          <details key={label} className="rounded-md border border-slate-200">
            <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-800">{label} ({names.length})</summary>
            {names.length === 0 ? (
              <p className="px-3 pb-3 text-sm text-slate-500">None declared.</p>
            ) : (
              <ul className="flex flex-wrap gap-1.5 px-3 pb-3">
                {names.map((name) => <li key={name} className="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-700">{name}</li>)}
              </ul>
            )}
          </details>
        ))}
      </div>
    </Card>
  );
}

function RecommendationCard({ analysis }: { analysis: Analysis }) {
  const r = analysis.recommendations;
  return (
    <Card title="Recommendation">
      {r ? (
        <>
          <dl className="grid gap-4 sm:grid-cols-3">
            <Entry term="Recommended target">{r.provider ?? <Muted>—</Muted>}</Entry>
            <Entry term="Database">{r.database ?? <Muted>None needed</Muted>}</Entry>
            <Entry term="Estimated cost">{formatCost(r.estimatedCost)}</Entry>
          </dl>
          {(r.reasons?.length ?? 0) > 0 && (
            <ul className="mt-4 list-disc space-y-1 pl-5 text-sm text-slate-600">
              {r.reasons!.map((reason, i) => <li key={i}>{reason}</li>)}
            </ul>
          )}
        </>
      ) : <p className="text-sm text-slate-500">The analysis made no recommendation.</p>}
    </Card>
  );
}

function EvidenceTable({ evidence }: { evidence: Evidence[] }) {
  return (
    <Card title="Evidence">
      {evidence.length === 0 ? (
        <p className="text-sm text-slate-500">No evidence was recorded.</p>
      ) : (
        <DataTable caption="Why each conclusion was drawn" columns={['Conclusion', 'File', { label: 'Entry', className: 'py-2' }]} bare headClassName="py-2 pr-4">
          {evidence.map((e, i) => (
            <tr key={i}>
              <td className="py-2 pr-4 font-mono text-xs text-slate-900">{e.conclusion}</td>
              <td className="py-2 pr-4 font-mono text-xs text-slate-700">{e.file}</td>
              <td className="py-2 text-slate-700">{e.detail ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}
