import { IconBug } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../../app/registry.js';
import { CriticalFindingsCard } from './CriticalFindingsCard.js';

const view = ['system.view', 'system.manage'] as const;

// Findings pages are open to signed-in users: a system's security officer answers their findings
// without holding system.view (the API decides what each person sees).
export const findingsModule: WebModule = {
  id: 'findings',
  navSection: 'systems',
  routes: [
    { path: 'findings', component: lazy(() => import('./FindingsPage.js')) },
    {
      path: 'findings/import',
      component: lazy(() => import('./FindingsImportPage.js')),
      permission: 'system.manage',
    },
    { path: 'findings/:id', component: lazy(() => import('./FindingPage.js')) },
  ],
  nav: [
    { id: 'findings', label: 'findings:nav', path: '/findings', icon: IconBug, permission: view, order: 30 },
  ],
  cards: [{ id: 'findings-critical', component: CriticalFindingsCard, permission: view, order: 32 }],
};
