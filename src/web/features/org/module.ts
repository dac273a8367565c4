import { IconSitemap } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';
import { OrgSummaryCard } from './OrgSummaryCard.js';

export const orgModule: WebModule = {
  id: 'org',
  navSection: 'admin',
  routes: [{ path: 'org', component: lazy(() => import('./OrgPage.js')), permission: 'org.read' }],
  nav: [{ id: 'org', label: 'org:nav', path: '/org', icon: IconSitemap, permission: 'org.read', order: 10 }],
  cards: [{ id: 'org-summary', component: OrgSummaryCard, permission: 'org.read', order: 10 }],
};
