import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { FullPageSpinner } from '../../ui/Spinner';
import { isApiError } from '../../api/problem';
import { safeNext, useContinuation, withNext } from './continuation';
import { GitHubSignInButton } from './GitHubSignInButton';
import { PublicShell } from './PublicShell';

/** `/login`: email and password, or GitHub where it is configured; back to `next` afterwards. */
export function LoginPage() {
  const { status, login } = useAuth();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const continuation = useContinuation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: async () => {
      await login(email.trim(), password);
      return continuation(next);
    },
    onSuccess: (to) => navigate(to, { replace: true }),
  });

  if (status === 'loading') return <FullPageSpinner label="Checking your session" />;
  if (status === 'signed-in' && !signIn.isPending && !signIn.isSuccess) return <Navigate to={next ?? '/'} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  const error = signIn.error;
  return (
    <PublicShell title="Sign in to AutoDeploy">
      <form onSubmit={submit} className="space-y-4" noValidate>
        {error != null && (
          <ProblemAlert
            error={error}
            title={isApiError(error) && error.status === 429 ? 'Too many sign-in attempts' : isApiError(error) && error.status === 401 ? 'Could not sign you in' : undefined}
          />
        )}
        <TextField label="Email" type="email" autoComplete="email" required value={email}
          error={isApiError(error) ? error.fieldError('email') : undefined}
          onChange={(e) => setEmail(e.target.value)} />
        <TextField label="Password" type="password" autoComplete="current-password" required value={password}
          error={isApiError(error) ? error.fieldError('password') : undefined}
          onChange={(e) => setPassword(e.target.value)} />
        <Button type="submit" className="w-full" busy={signIn.isPending}>Sign in</Button>
      </form>
      <GitHubSignInButton next={next} />
      <p className="mt-6 text-center text-sm text-slate-600">
        New here? <Link to={withNext('/signup', next)} className="font-medium text-indigo-600 hover:underline">Create an account</Link>
      </p>
    </PublicShell>
  );
}
