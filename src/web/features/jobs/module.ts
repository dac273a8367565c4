import { IconProgress } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';

// Everyone may watch the work they started (the page is linked from where it was started); the
// navigation lists it for the agency's overseers, who see all of the agency's jobs.
export const jobsModule: WebModule = {
  id: 'jobs',
  navSection: 'admin',
  routes: [{ path: 'jobs', component: lazy(() => import('./JobsPage.js')) }],
  nav: [
    {
      id: 'jobs',
      label: 'jobs:nav',
      path: '/jobs',
      icon: IconProgress,
      permission: 'audit.read',
      tenantKind: 'agency',
      order: 87,
    },
  ],
};
