import { IconMailExclamation } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';
import { DrillCard } from './DrillCard.js';

const view = ['drill.view', 'drill.manage'] as const;
const manage = 'drill.manage' as const;

// The recipients' landing page (/drill/:token) is public and lives outside the signed-in shell
// (app/router.tsx → landing/route.tsx).
export const drillsModule: WebModule = {
  id: 'drills',
  navSection: 'drills',
  routes: [
    { path: 'drills', component: lazy(() => import('./admin/DrillsPage.js')), permission: view },
    { path: 'drills/new', component: lazy(() => import('./admin/DrillEditorPage.js')), permission: manage },
    { path: 'drills/:id', component: lazy(() => import('./admin/DrillPage.js')), permission: view },
    {
      path: 'drills/:id/edit',
      component: lazy(() => import('./admin/DrillEditorPage.js')),
      permission: manage,
    },
  ],
  nav: [
    {
      id: 'drills',
      label: 'drills:nav.drills',
      path: '/drills',
      icon: IconMailExclamation,
      permission: view,
      order: 46,
    },
  ],
  cards: [{ id: 'drills-latest', component: DrillCard, permission: view, order: 28 }],
};
