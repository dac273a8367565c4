import { IconClipboardCheck, IconListCheck } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';
import { FindingsCard } from './FindingsCard.js';

const audit = ['secaudit.view', 'secaudit.manage', 'secaudit.approve'] as const;
// Unit heads answer findings about their units; they hold exception.view, not the audit permissions.
const findings = [...audit, 'exception.view'] as const;

export const secauditModule: WebModule = {
  id: 'secaudit',
  navSection: 'check',
  routes: [
    { path: 'secaudit', component: lazy(() => import('./SecauditPage.js')), permission: audit },
    { path: 'secaudit/plans/:id', component: lazy(() => import('./PlanPage.js')), permission: audit },
    { path: 'secaudit/engagements/:id', component: lazy(() => import('./EngagementPage.js')) },
    { path: 'secaudit/findings', component: lazy(() => import('./FindingsPage.js')) },
    { path: 'secaudit/findings/:id', component: lazy(() => import('./FindingPage.js')) },
  ],
  nav: [
    {
      id: 'secaudit',
      label: 'secaudit:nav.plans',
      path: '/secaudit',
      icon: IconClipboardCheck,
      permission: audit,
      order: 10,
      tenantKind: 'agency',
    },
    {
      id: 'secaudit-findings',
      label: 'secaudit:nav.findings',
      path: '/secaudit/findings',
      icon: IconListCheck,
      permission: findings,
      order: 20,
      tenantKind: 'agency',
    },
  ],
  cards: [
    {
      id: 'secaudit-findings',
      component: FindingsCard,
      permission: findings,
      tenantKind: 'agency',
      order: 34,
    },
  ],
};
