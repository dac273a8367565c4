import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage.js';
import { PasswordChangePage } from '../features/auth/PasswordChangePage.js';
import { DrillLandingRoute } from '../features/drills/landing/route.js';
import { IncidentAckRoute, PublicReportRoute } from '../features/incidents/public-routes.js';
import { NotFoundPage, RequirePermission, RequireSession } from './guards.js';
import { routes } from './modules.js';
import { Shell } from './shell/Shell.js';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/password-change', element: <PasswordChangePage /> },
  // Public: a drill recipient's landing page (no login).
  { path: '/drill/:token', element: <DrillLandingRoute /> },
  // Public: the incident reporting point of an agency, and a contact drill's acknowledgement.
  { path: '/report/:tenantCode', element: <PublicReportRoute /> },
  { path: '/incident-ack/:token', element: <IncidentAckRoute /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <Shell />
      </RequireSession>
    ),
    children: [
      ...routes.map((r) => ({
        ...(r.path === '' ? { index: true as const } : { path: r.path }),
        element: (
          <RequirePermission permission={r.permission}>
            <r.component />
          </RequirePermission>
        ),
      })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
