import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiProvider } from './api/ApiProvider';
import { ApiClient } from './api/client';
import { isApiError } from './api/problem';
import { AuthProvider } from './auth/AuthProvider';
import { OrgProvider } from './org/OrgProvider';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // 4xx answers are final; only network failures and 5xx are worth another try.
        retry: (count, error) => count < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}

/** API client, query cache, session and organization: what every page needs. */
export function Providers({ client, queryClient, children }: { client: ApiClient; queryClient: QueryClient; children: ReactNode }) {
  return (
    <ApiProvider client={client}>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <OrgProvider>{children}</OrgProvider>
        </AuthProvider>
      </QueryClientProvider>
    </ApiProvider>
  );
}
