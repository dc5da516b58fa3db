import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The frame of the pages seen without signing in (login, sign-up, invitation links, the GitHub callback). */
export function PublicShell({ title, description, children, wide = false }: { title: string; description?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <div className="flex min-h-screen flex-col items-center bg-slate-50 px-4 py-10 sm:py-16">
      <Link to="/" className="mb-6 flex items-center gap-2 font-semibold text-slate-900">
        <img src="/favicon.svg" alt="" className="size-7" />
        <span>AutoDeploy</span>
      </Link>
      <main id="main" className={`w-full ${wide ? 'max-w-lg' : 'max-w-sm'} rounded-lg border border-slate-200 bg-white p-6 shadow-sm`}>
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        {description && <div className="mt-1 text-sm text-slate-500">{description}</div>}
        <div className="mt-5">{children}</div>
      </main>
    </div>
  );
}
