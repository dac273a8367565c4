import { IconBuildingBank } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';

export const centralModule: WebModule = {
  id: 'central',
  navSection: 'central',
  routes: [
    { path: 'central', component: lazy(() => import('./CentralPage.js')), permission: 'central.read' },
  ],
  nav: [
    {
      id: 'central',
      label: 'central:nav',
      path: '/central',
      icon: IconBuildingBank,
      permission: 'central.read',
      order: 80,
    },
  ],
};
