import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { isApiError } from '../../api/problem';
import { withNext } from './continuation';
import { GitHubSignInButton } from './GitHubSignInButton';
import { PublicShell } from './PublicShell';
import { useAccountForm } from './useAccountForm';

/** `/login`: email and password, or GitHub where it is configured; back to `next` afterwards. */
export function LoginPage() {
  const { login } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { next, mutation: signIn, submit, gate } = useAccountForm(() => login(email.trim(), password));

  if (gate) return gate;

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
