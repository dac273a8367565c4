import { IconHistory } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';
import { RecentActivityCard } from './RecentActivityCard.js';

export const auditModule: WebModule = {
  id: 'audit',
  navSection: 'admin',
  routes: [{ path: 'audit', component: lazy(() => import('./AuditPage.js')), permission: 'audit.read' }],
  nav: [
    {
      id: 'audit',
      label: 'audit:nav',
      path: '/audit',
      icon: IconHistory,
      permission: 'audit.read',
      order: 90,
    },
  ],
  cards: [{ id: 'recent-activity', component: RecentActivityCard, permission: 'audit.read', order: 90 }],
};
