import { IconBellRinging, IconSpeakerphone } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';

// 注意喚起 (001 L447-462): the central body writes and publishes them (central.read watches,
// central.manage acts); each agency's handlers (alert.handle) acknowledge, forward and report.
export const alertsModule: WebModule = {
  id: 'alerts',
  routes: [
    {
      path: 'central/alerts',
      component: lazy(() => import('./CentralAlertsPage.js')),
      permission: 'central.read',
    },
    {
      path: 'central/alerts/new',
      component: lazy(() => import('./CentralAlertFormPage.js')),
      permission: 'central.manage',
    },
    {
      path: 'central/alerts/:id',
      component: lazy(() => import('./CentralAlertPage.js')),
      permission: 'central.read',
    },
    {
      path: 'central/alerts/:id/edit',
      component: lazy(() => import('./CentralAlertFormPage.js')),
      permission: 'central.manage',
    },
    { path: 'alerts', component: lazy(() => import('./InboxPage.js')), permission: 'alert.handle' },
    { path: 'alerts/:id', component: lazy(() => import('./DeliveryPage.js')), permission: 'alert.handle' },
  ],
  nav: [
    {
      id: 'central-alerts',
      label: 'alerts:central.nav',
      path: '/central/alerts',
      icon: IconSpeakerphone,
      permission: 'central.read',
      tenantKind: 'central',
      section: 'central',
      order: 85,
    },
    {
      id: 'alerts-inbox',
      label: 'alerts:inbox.nav',
      path: '/alerts',
      icon: IconBellRinging,
      permission: 'alert.handle',
      tenantKind: 'agency',
      section: 'report',
      order: 20,
    },
  ],
};
