import { describeError, isApiError } from '../api/problem';

/** An API failure as the user should read it: the problem's detail, the fields it names, the request id to quote. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const problem = isApiError(error) ? error.problem : undefined;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      <p className="font-medium">{title ?? problem?.title ?? 'Something went wrong'}</p>
      <p>{describeError(error)}</p>
      {problem?.errors && problem.errors.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {problem.errors.map((e, i) => (
            <li key={i}>{e.field ? <><span className="font-mono">{e.field}</span>: </> : null}{e.message}</li>
          ))}
        </ul>
      )}
      {problem?.requestId && <p className="mt-1 text-xs text-red-700">Request id: <span className="font-mono">{problem.requestId}</span></p>}
    </div>
  );
}
