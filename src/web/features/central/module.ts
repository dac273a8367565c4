import { IconBuildingBank, IconChecklist, IconInbox, IconSend } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';

// The central body's national view (central.read; the common items editable with central.manage), and an
// agency's side of the reporting line under 報告 (report.view; report.manage forwards a 独法's statement).
export const centralModule: WebModule = {
  id: 'central',
  navSection: 'central',
  routes: [
    { path: 'central', component: lazy(() => import('./NationalPage.js')), permission: 'central.read' },
    {
      path: 'central/submissions',
      component: lazy(() => import('./SubmissionsPage.js')),
      permission: 'central.read',
    },
    {
      path: 'central/common-items',
      component: lazy(() => import('./CommonItemsPage.js')),
      permission: 'central.read',
    },
    {
      path: 'reports/central',
      component: lazy(() => import('./AgencySubmissionsPage.js')),
      permission: ['report.view', 'report.manage'],
    },
  ],
  nav: [
    {
      id: 'central',
      label: 'central:nav',
      path: '/central',
      icon: IconBuildingBank,
      permission: 'central.read',
      tenantKind: 'central',
      order: 80,
    },
    {
      id: 'central-submissions',
      label: 'central:submissions.nav',
      path: '/central/submissions',
      icon: IconInbox,
      permission: 'central.read',
      tenantKind: 'central',
      order: 82,
    },
    {
      id: 'central-common-items',
      label: 'central:common.nav',
      path: '/central/common-items',
      icon: IconChecklist,
      permission: 'central.read',
      tenantKind: 'central',
      order: 84,
    },
    {
      id: 'central-submit',
      label: 'central:agency.nav',
      path: '/reports/central',
      icon: IconSend,
      permission: ['report.view', 'report.manage'],
      tenantKind: 'agency',
      section: 'report',
      order: 20,
    },
  ],
};
