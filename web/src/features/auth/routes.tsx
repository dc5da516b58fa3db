import type { FeatureRoute } from '../routes';
import { AccountPage } from './AccountPage';
import { GitHubCallbackPage } from './GitHubCallbackPage';
import { GITHUB_CALLBACK_PATH } from './github';
import { InvitationPage } from './InvitationPage';
import { LoginPage } from './LoginPage';
import { SignupPage } from './SignupPage';

export const authRoutes: FeatureRoute[] = [
  { path: '/login', element: <LoginPage />, public: true },
  { path: '/signup', element: <SignupPage />, public: true },
  { path: GITHUB_CALLBACK_PATH, element: <GitHubCallbackPage />, public: true },
  { path: '/invitations/:token', element: <InvitationPage />, public: true },
  { path: '/account', element: <AccountPage />, withoutOrganization: true },
];
