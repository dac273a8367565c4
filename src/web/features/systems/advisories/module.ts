import { IconAlertTriangle, IconClockExclamation, IconHistory, IconShieldCheck } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../../app/registry.js';
import { AdvisoryCard } from './AdvisoryCard.js';

const view = ['system.view', 'system.manage'] as const;

// "My systems' advisories" and the advisory page are open to any signed-in user: a system's 責任者 or
// 管理者 may hold no ledger permission, and the server shows each person only what they may see.
export const advisoriesModule: WebModule = {
  id: 'advisories',
  navSection: 'systems',
  routes: [
    { path: 'systems/advisories', component: lazy(() => import('./AdvisoriesPage.js')), permission: view },
    { path: 'systems/advisories/mine', component: lazy(() => import('./MyAdvisoriesPage.js')) },
    {
      path: 'systems/advisories/overdue',
      component: lazy(() => import('./OverduePage.js')),
      permission: view,
    },
    {
      path: 'systems/advisories/end-of-support',
      component: lazy(() => import('./EosPage.js')),
      permission: view,
    },
    { path: 'systems/advisories/:id', component: lazy(() => import('./AdvisoryPage.js')) },
  ],
  nav: [
    {
      id: 'advisories',
      label: 'advisories:nav.list',
      path: '/systems/advisories',
      icon: IconAlertTriangle,
      permission: view,
      order: 20,
      tenantKind: 'agency',
    },
    {
      id: 'advisories-mine',
      label: 'advisories:nav.mine',
      path: '/systems/advisories/mine',
      icon: IconShieldCheck,
      // Not for every member of staff: owners without a ledger permission arrive by the notice mail's link.
      permission: ['system.view', 'system.manage'],
      order: 22,
      tenantKind: 'agency',
    },
    {
      id: 'advisories-overdue',
      label: 'advisories:nav.overdue',
      path: '/systems/advisories/overdue',
      icon: IconClockExclamation,
      permission: view,
      order: 24,
      tenantKind: 'agency',
    },
    {
      id: 'advisories-eos',
      label: 'advisories:nav.eos',
      path: '/systems/advisories/end-of-support',
      icon: IconHistory,
      permission: view,
      order: 26,
      tenantKind: 'agency',
    },
  ],
  cards: [{ id: 'advisories-overdue', component: AdvisoryCard, tenantKind: 'agency', order: 32 }],
};
