import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { ApiError } from '../../api/problem';
import type { Session } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { LinkButton } from '../../ui/Button';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Spinner } from '../../ui/Spinner';
import { safeNext, useContinuation, withNext } from './continuation';
import { clearPendingGitHubSignIn, readPendingGitHubSignIn } from './github';
import { PublicShell } from './PublicShell';

/**
 * `/auth/github/callback?code&state`: where GitHub sends the browser back. Only a state this browser
 * was handed when it started is posted to auth-service (a link carrying someone else's code would
 * sign this browser into their account); the session it answers is adopted, then on to `next`.
 */
export function GitHubCallbackPage() {
  const api = useApi();
  const { adopt } = useAuth();
  const navigate = useNavigate();
  const continuation = useContinuation();
  const [params] = useSearchParams();
  const [failure, setFailure] = useState<{ title: string; error: unknown } | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    // The state is single use: StrictMode's second effect run must not post it again.
    if (started.current) return;
    started.current = true;
    const pending = readPendingGitHubSignIn();
    clearPendingGitHubSignIn();
    const goOn = safeNext(pending?.next);
    setNext(goOn);
    const githubError = params.get('error');
    if (githubError) {
      const detail = params.get('error_description')
        ?? (githubError === 'access_denied' ? 'You did not authorize AutoDeploy on GitHub.' : `GitHub answered “${githubError}”.`);
      setFailure({ title: 'GitHub did not sign you in', error: new ApiError(400, { title: 'GitHub did not sign you in', detail }) });
      return;
    }
    const code = params.get('code');
    const state = params.get('state');
    if (!code || !state || !pending || pending.state !== state) {
      setFailure({
        title: 'This sign-in was refused',
        error: new ApiError(400, {
          title: 'This sign-in was refused',
          detail: 'This GitHub sign-in was not started in this browser, or it was already used. Start again from the sign-in page.',
        }),
      });
      return;
    }
    void (async () => {
      try {
        const session = await api.post<Session>('/api/v1/auth/github/callback', { code, state }, { anonymous: true });
        adopt(session);
        navigate(await continuation(goOn), { replace: true });
      } catch (error) {
        setFailure({ title: 'Signing in with GitHub failed', error });
      }
    })();
  }, [api, adopt, continuation, navigate, params]);

  return (
    <PublicShell title={failure ? failure.title : 'Signing in with GitHub'}>
      {failure ? (
        <div className="space-y-4">
          <ProblemAlert error={failure.error} title={failure.title} />
          <LinkButton to={withNext('/login', next)} className="w-full">Back to sign in</LinkButton>
        </div>
      ) : (
        <Spinner label="Finishing your sign-in with GitHub" />
      )}
    </PublicShell>
  );
}
