import { useMutation } from '@tanstack/react-query';
import type { FormEvent, ReactNode } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { FullPageSpinner } from '../../ui/Spinner';
import { safeNext, useContinuation } from './continuation';

/**
 * The sign-in and sign-up forms' shared flow: `submit` runs `action`, then goes on to `next` (or where
 * the continuation sends a new account); `gate` is what to show instead of the form while the session
 * is checked or when the visitor is already signed in.
 */
export function useAccountForm(action: () => Promise<unknown>) {
  const { status } = useAuth();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const continuation = useContinuation();
  const mutation = useMutation({
    mutationFn: async () => {
      await action();
      return continuation(next);
    },
    onSuccess: (to) => navigate(to, { replace: true }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  let gate: ReactNode = null;
  if (status === 'loading') gate = <FullPageSpinner label="Checking your session" />;
  else if (status === 'signed-in' && !mutation.isPending && !mutation.isSuccess) gate = <Navigate to={next ?? '/'} replace />;
  return { next, mutation, submit, gate };
}
