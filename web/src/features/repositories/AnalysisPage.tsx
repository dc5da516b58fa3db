import { Link, useParams } from 'react-router';
import { PageHeader } from '../../ui/Card';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { formatDateTime, shortSha } from '../../ui/format';
import { AnalysisReport } from './AnalysisReport';
import { inFlight, useAnalysis } from './api';
import { AnalysisStatusBadge, Entry } from './components';
import { AnalysisFailure, AnalysisProgress, analysisDuration } from './RepositoryPage';

/** `/repositories/:id/analyses/:analysisId`: one analysis of the history, in whatever state it is. */
export function AnalysisPage() {
  const { id = '', analysisId = '' } = useParams();
  const analysis = useAnalysis(id, analysisId);
  const back = <Link to={`/repositories/${id}`} className="text-sm text-indigo-700 hover:underline">← Back to the repository</Link>;

  if (analysis.isLoading) return <Spinner label="Loading the analysis" />;
  if (analysis.error || !analysis.data) {
    return <div className="space-y-4"><ProblemAlert error={analysis.error} title="The analysis could not be loaded" />{back}</div>;
  }
  const a = analysis.data;
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Analysis of ${a.repository.fullName}`}
        description={<>Commit <span className="font-mono">{shortSha(a.commit)}</span>{a.branch ? <> on <span className="font-mono">{a.branch}</span></> : null}</>}
      />
      <nav aria-label="Breadcrumb" className="-mt-4">{back}</nav>
      <dl className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-6">
        <Entry term="Status"><AnalysisStatusBadge status={a.status} /></Entry>
        <Entry term="Commit"><span className="break-all font-mono text-xs">{a.commit ?? '—'}</span></Entry>
        <Entry term="Requested">{formatDateTime(a.createdAt)}</Entry>
        <Entry term="Completed">{formatDateTime(a.completedAt)}</Entry>
        <Entry term="Took">{analysisDuration(a)}</Entry>
        <Entry term="Engine"><span className="break-all font-mono text-xs">{a.engineVersion ?? '—'}</span></Entry>
      </dl>
      {inFlight(a) && <AnalysisProgress analysis={a} />}
      {a.status === 'failed' && <AnalysisFailure analysis={a} />}
      {a.status === 'completed' && <AnalysisReport analysis={a} />}
    </div>
  );
}
