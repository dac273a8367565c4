import { IconUserCog } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';

export const profileModule: WebModule = {
  id: 'profile',
  routes: [{ path: 'profile', component: lazy(() => import('./ProfilePage.js')) }],
  nav: [{ id: 'profile', label: 'profile:nav', path: '/profile', icon: IconUserCog, order: 100 }],
};
