import { IconBooks, IconSettings } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';

// The security portal (000 L933-972) is for everyone in an agency; its management for portal.manage.
export const portalModule: WebModule = {
  id: 'portal',
  routes: [
    { path: 'portal', component: lazy(() => import('./PortalPage.js')) },
    { path: 'portal/items/:id', component: lazy(() => import('./PortalItemPage.js')) },
    {
      path: 'portal/manage',
      component: lazy(() => import('./ManagePage.js')),
      permission: 'portal.manage',
    },
  ],
  nav: [
    {
      id: 'portal',
      label: 'portal:nav',
      path: '/portal',
      icon: IconBooks,
      order: 5,
      tenantKind: 'agency',
    },
    {
      id: 'portal-manage',
      label: 'portal:manageNav',
      path: '/portal/manage',
      icon: IconSettings,
      order: 40,
      permission: 'portal.manage',
      tenantKind: 'agency',
      section: 'report',
    },
  ],
};
