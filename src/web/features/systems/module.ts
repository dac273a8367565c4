import { IconServer2 } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';

const view = ['system.view', 'system.manage'] as const;

// The pages are open to every signed-in user: a system's own security officer and administrator hold
// no ledger permission but read their systems (the API decides per system).
export const systemsModule: WebModule = {
  id: 'systems',
  navSection: 'systems',
  routes: [
    { path: 'systems', component: lazy(() => import('./ledger/LedgerPage.js')) },
    { path: 'systems/:id', component: lazy(() => import('./ledger/SystemPage.js')) },
  ],
  nav: [
    {
      id: 'systems-ledger',
      label: 'systems:nav.ledger',
      path: '/systems',
      icon: IconServer2,
      permission: view,
      order: 10,
    },
  ],
};
