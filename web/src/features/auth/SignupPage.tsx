import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/problem';
import { useAuth } from '../../auth/AuthProvider';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { withNext } from './continuation';
import { GitHubSignInButton } from './GitHubSignInButton';
import { PublicShell } from './PublicShell';
import { useAccountForm } from './useAccountForm';

/** `/signup`: a new account; then its first organization, or back to the invitation it came from. */
export function SignupPage() {
  const { register } = useAuth();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { next, mutation: signUp, submit, gate } = useAccountForm(() => register(name.trim(), email.trim(), password));

  if (gate) return gate;

  const error = signUp.error;
  const fieldError = (field: string) => (isApiError(error) ? error.fieldError(field) : undefined);
  const emailTaken = isApiError(error) && error.code === 'email-taken';
  return (
    <PublicShell title="Create your account" description="Deploy your repositories in a few clicks.">
      <form onSubmit={submit} className="space-y-4" noValidate>
        {error != null && !emailTaken && <ProblemAlert error={error} title="Your account could not be created" />}
        {emailTaken && (
          <div role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
            <p className="font-medium">This email already has an account.</p>
            <p>
              <Link to={withNext('/login', next)} className="font-medium text-indigo-700 underline">Sign in instead</Link>
              {' '}or use another email.
            </p>
          </div>
        )}
        <TextField label="Name" autoComplete="name" required value={name} error={fieldError('name')}
          onChange={(e) => setName(e.target.value)} />
        <TextField label="Email" type="email" autoComplete="email" required value={email}
          error={fieldError('email') ?? (emailTaken ? 'An account with this email already exists.' : undefined)}
          onChange={(e) => setEmail(e.target.value)} />
        <TextField label="Password" type="password" autoComplete="new-password" required minLength={10} value={password}
          hint="At least 10 characters." error={fieldError('password')}
          onChange={(e) => setPassword(e.target.value)} />
        <Button type="submit" className="w-full" busy={signUp.isPending}>Create account</Button>
      </form>
      <GitHubSignInButton next={next} />
      <p className="mt-6 text-center text-sm text-slate-600">
        Already have an account? <Link to={withNext('/login', next)} className="font-medium text-indigo-600 hover:underline">Sign in</Link>
      </p>
    </PublicShell>
  );
}
