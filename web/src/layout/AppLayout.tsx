import { useState, type ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { useOrgs } from '../org/OrgProvider';

const NAV = [
  { to: '/', label: 'Overview', end: true },
  { to: '/projects', label: 'Projects' },
  { to: '/repositories', label: 'Repositories' },
  { to: '/deployments', label: 'Deployments' },
  { to: '/monitoring', label: 'Monitoring' },
  { to: '/organization', label: 'Organization' },
];

const navClass = ({ isActive }: { isActive: boolean }) =>
  `block rounded-md px-3 py-2 text-sm font-medium ${isActive ? 'bg-indigo-50 text-indigo-700' : 'text-slate-700 hover:bg-slate-100'}`;

/** The signed-in frame: navigation, the organization switcher and the account menu around each page. */
export function AppLayout({ children }: { children: ReactNode }) {
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4">
          <button
            type="button"
            className="rounded p-2 text-slate-700 hover:bg-slate-100 lg:hidden"
            aria-label={menuOpen ? 'Close navigation' : 'Open navigation'}
            aria-expanded={menuOpen}
            aria-controls="primary-navigation"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span aria-hidden="true">☰</span>
          </button>
          <Link to="/" className="flex shrink-0 items-center gap-2 font-semibold text-slate-900" aria-label="AutoDeploy overview">
            <img src="/favicon.svg" alt="" className="size-6" />
            <span className="hidden sm:inline">AutoDeploy</span>
          </Link>
          <div className="ml-auto flex min-w-0 items-center gap-2">
            <OrganizationSwitcher />
            <AccountMenu />
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl gap-6 px-4 py-6">
        <nav
          id="primary-navigation"
          aria-label="Primary"
          className={`${menuOpen ? 'block' : 'hidden'} fixed inset-x-0 top-14 z-20 border-b border-slate-200 bg-white p-3 shadow lg:static lg:block lg:w-52 lg:shrink-0 lg:border-0 lg:bg-transparent lg:p-0 lg:shadow-none`}
        >
          <ul className="space-y-1" onClick={() => setMenuOpen(false)}>
            {NAV.map((item) => (
              <li key={item.to}><NavLink to={item.to} end={item.end} className={navClass}>{item.label}</NavLink></li>
            ))}
          </ul>
        </nav>
        <main id="main" className="min-w-0 flex-1" tabIndex={-1}>{children}</main>
      </div>
    </div>
  );
}

function OrganizationSwitcher() {
  const { organizations, current, select } = useOrgs();
  const navigate = useNavigate();
  if (organizations.length === 0) return null;
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">Organization</span>
      <select
        className="max-w-40 rounded-md border-0 bg-white py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600 sm:max-w-60"
        value={current?.id ?? ''}
        onChange={(event) => {
          if (event.target.value === '__new') { navigate('/organizations/new'); return; }
          select(event.target.value);
          navigate('/');
        }}
      >
        {organizations.map((org) => <option key={org.id} value={org.id}>{org.name}</option>)}
        <option value="__new">+ New organization…</option>
      </select>
    </label>
  );
}

function AccountMenu() {
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  if (!user) return null;
  return (
    <div className="relative">
      <button
        type="button"
        className="flex items-center gap-2 rounded-full p-1 text-sm hover:bg-slate-100"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="flex size-7 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white" aria-hidden="true">
          {user.name.slice(0, 1).toUpperCase()}
        </span>
        <span className="hidden sm:inline">{user.name}</span>
      </button>
      {open && (
        <div role="menu" className="absolute right-0 mt-2 w-48 rounded-md border border-slate-200 bg-white py-1 shadow-lg"
          onKeyDown={(event) => { if (event.key === 'Escape') setOpen(false); }}>
          <p className="truncate px-3 py-2 text-xs text-slate-500">{user.email}</p>
          <Link role="menuitem" to="/account" className="block px-3 py-2 text-sm hover:bg-slate-100" onClick={() => setOpen(false)}>Account</Link>
          <button role="menuitem" type="button" className="block w-full px-3 py-2 text-left text-sm hover:bg-slate-100"
            onClick={async () => { setOpen(false); await logout(); navigate('/login'); }}>
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
