import { IconHome } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';
import { MyRolesCard } from './MyRolesCard.js';

export const dashboardModule: WebModule = {
  id: 'dashboard',
  routes: [{ path: '', component: lazy(() => import('./DashboardPage.js')) }],
  nav: [{ id: 'home', label: 'nav.home', path: '/', icon: IconHome, order: 0 }],
  cards: [{ id: 'my-roles', component: MyRolesCard, order: 0 }],
};
