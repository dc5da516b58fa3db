import { useId, useState, type ReactNode } from 'react';
import { isApiError } from '../../api/problem';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/Dialog';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { shortSha } from '../../ui/format';
import { Checkbox } from '../projects/Checkbox';
import { useNamed, useRollbackPreview } from './queries';
import type { Deployment, PreviewCommit, RollbackPreview } from './types';

/** Commits listed per side before "+N more". */
const SHOWN_COMMITS = 5;

const RISK_LABELS: Record<string, string> = {
  'migration-downgrade': 'Database migration downgrade',
};

interface Props {
  deployment: Deployment;
  /** Posts the rollback with the choice of variables; the dialog stays open with the problem if it throws. */
  onConfirm: (keepCurrentVariables: boolean) => Promise<unknown>;
}

/**
 * "Roll back" to a ready deployment: while the confirmation is open it shows the preview of what the environment
 * would change — commits removed and added, variable keys, risks, blocked commits — and offers to keep today's
 * variables instead of the release's (the preview is read again for that choice, and the choice is posted).
 */
export function RollbackDialog({ deployment: d, onConfirm }: Props) {
  const [open, setOpen] = useState(false);
  const [keep, setKeep] = useState(false);
  const preview = useRollbackPreview(d.id, keep, open);
  // Deployments older than releases have none to compare with; the rollback itself still works.
  const noRelease = isApiError(preview.error) && preview.error.code === 'no-release-to-roll-back-to';
  const commit = `${shortSha(d.commitSha)}${d.branch ? ` (${d.branch})` : ''}`;
  return (
    <ConfirmDialog
      trigger={<Button variant="secondary">Roll back</Button>}
      title="Roll back to this deployment?"
      description={<>Redeploys this deployment's commit {commit} to {d.environment} as a new rollback deployment. The environment switches to it once it is ready; the deployment it serves now stays until then.</>}
      confirmLabel="Roll back"
      // Not before the preview (or its failure) is known, nor while it is read again for the other variables.
      confirmDisabled={preview.isPending || preview.isPlaceholderData}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setKeep(false);
      }}
      onConfirm={() => onConfirm(noRelease ? false : keep)}
    >
      <div className="space-y-3 text-sm">
        {preview.isPending ? (
          <Spinner label="Reading what the rollback would change" />
        ) : noRelease ? (
          <p className="rounded-md border border-slate-200 bg-slate-50 p-3 text-slate-700">
            No preview for this one: it was deployed before releases were recorded, so there is nothing to compare it
            with. You can still roll back; it runs with {d.environment}'s variables of today.
          </p>
        ) : preview.error != null ? (
          <div className="space-y-1">
            <ProblemAlert error={preview.error} title="The rollback preview could not be loaded" />
            <p className="text-xs text-slate-500">You can still roll back without it.</p>
          </div>
        ) : preview.data ? (
          <PreviewDetails preview={preview.data} updating={preview.isPlaceholderData} />
        ) : null}
        {!noRelease && (
          <Checkbox
            label="Keep today's variables"
            hint={<>Runs the rollback with {d.environment}'s variables as they are now, instead of those the release ran with.</>}
            checked={keep}
            onChange={(event) => setKeep(event.target.checked)}
          />
        )}
      </div>
    </ConfirmDialog>
  );
}

function PreviewDetails({ preview: p, updating }: { preview: RollbackPreview; updating: boolean }) {
  const named = useNamed();
  const env = p.environment;
  const target = <Sha sha={p.target.commitSha} />;
  const current = <Sha sha={p.current?.commitSha ?? null} />;
  return (
    <div className="space-y-3" aria-busy={updating || undefined}>
      {p.risks.length > 0 && (
        <section aria-label="Risks" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-800">
          <ul className="space-y-1">
            {p.risks.map((risk) => (
              <li key={`${risk.type}:${risk.message}`}>
                <span className="font-semibold">{RISK_LABELS[risk.type] ?? sentence(risk.type)}:</span> {risk.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {p.targetCommit.blocked && (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
          <span className="font-semibold">Commit {target} is blocked in {env}</span>
          {p.targetCommit.reason ? <>: {named(p.targetCommit.reason)}</> : null}. The rollback deploys it all the same.
        </p>
      )}
      <p className="text-slate-700">
        {p.direction === 'backward' ? <>Back from {current}, what {env} serves now, to {target}.</>
          : p.direction === 'forward' ? <>Forward from {current}, what {env} serves now, to {target}, a newer release.</>
          : p.direction === 'same' ? <>Already what {env} serves ({target}): the rollback redeploys it.</>
          : <>Nothing is served in {env} now: the rollback deploys {target}.</>}
        {p.blocksCommit && (
          <> It blocks commit <Sha sha={p.blocksCommit} /> in {env}: pushes and auto-deploys skip it until someone unblocks it.</>
        )}
      </p>
      <Commits commits={p.commits} />
      <Variables variables={p.variables} keep={p.keepCurrentVariables} environment={env} updating={updating} />
    </div>
  );
}

function Commits({ commits: c }: { commits: RollbackPreview['commits'] }) {
  return (
    <section aria-label="Commits" className="space-y-2">
      <Heading>Commits</Heading>
      {!c.commitsAvailable ? (
        <p className="text-slate-600">{c.note ?? 'The commits between the two could not be read.'}</p>
      ) : (
        <>
          {c.removed.length > 0 && <CommitList label="Stops running" commits={c.removed} />}
          {c.added.length > 0 && <CommitList label="Starts running" commits={c.added} />}
          {c.removed.length === 0 && c.added.length === 0 && <p className="text-slate-600">No commit changes.</p>}
          {!c.complete && c.note && <p className="text-xs text-amber-800">{c.note}</p>}
        </>
      )}
    </section>
  );
}

function CommitList({ label, commits }: { label: string; commits: PreviewCommit[] }) {
  const id = useId();
  const [all, setAll] = useState(false);
  const shown = all ? commits : commits.slice(0, SHOWN_COMMITS);
  const hidden = commits.length - shown.length;
  return (
    <div>
      <p id={id} className="font-medium text-slate-800">
        {label} ({commits.length} commit{commits.length === 1 ? '' : 's'})
      </p>
      <ul aria-labelledby={id} className="mt-1 space-y-0.5">
        {shown.map((commit) => (
          <li key={commit.sha} className="flex min-w-0 items-baseline gap-2">
            <Sha sha={commit.sha} />{' '}
            <span className="min-w-0 truncate" title={commit.title}>{commit.title}</span>{' '}
            <span className="shrink-0 text-slate-500">{commit.author}</span>
          </li>
        ))}
      </ul>
      {hidden > 0 && (
        <button type="button" className="mt-1 text-xs font-medium text-indigo-600 hover:underline" onClick={() => setAll(true)}>
          +{hidden} more
        </button>
      )}
    </div>
  );
}

function Variables({ variables: v, keep, environment, updating }: {
  variables: RollbackPreview['variables']; keep: boolean; environment: string; updating: boolean;
}) {
  const runsWith = v.comparedWith === 'release' ? "the release's variables"
    : keep ? "today's variables" : "today's variables (the release recorded none)";
  const groups: [string, string[]][] = [['Added', v.added], ['Removed', v.removed], ['Changed', v.changed]];
  const none = groups.every(([, keys]) => keys.length === 0);
  return (
    <section aria-label="Variables" className="space-y-1">
      <Heading>Variables{updating && <span className="ml-2 normal-case tracking-normal text-slate-400">updating…</span>}</Heading>
      <p className="text-slate-600">
        Runs with {runsWith}{none ? <>: no key added, removed or changed against what {environment} runs now.</> : <>; against what {environment} runs now:</>}
      </p>
      {!none && (
        <dl className="space-y-0.5">
          {groups.filter(([, keys]) => keys.length > 0).map(([label, keys]) => (
            <div key={label} className="flex flex-wrap items-baseline gap-x-2">
              <dt className="font-medium text-slate-800">{label}</dt>{' '}
              <dd className="flex flex-wrap gap-1">
                {keys.map((key) => <code key={key} className="rounded bg-slate-100 px-1 text-xs">{key} </code>)}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {v.note && <p className="text-xs text-slate-500">{v.note}</p>}
    </section>
  );
}

function Heading({ children }: { children: ReactNode }) {
  return <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">{children}</h3>;
}

function Sha({ sha }: { sha: string | null }) {
  return <code className="font-mono text-xs" title={sha ?? undefined}>{shortSha(sha)}</code>;
}

/** "some-risk" → "Some risk", for risk types this page has no words for yet. */
function sentence(type: string): string {
  const words = type.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
