import { IconUsersGroup } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';

const ADMIN = ['account.manage', 'role.manage', 'role.assign'] as const;

export const adminModule: WebModule = {
  id: 'admin',
  navSection: 'admin',
  routes: [{ path: 'admin', component: lazy(() => import('./AdminPage.js')), permission: ADMIN }],
  nav: [
    { id: 'admin', label: 'admin:nav', path: '/admin', icon: IconUsersGroup, permission: ADMIN, order: 80 },
  ],
};
