import { IconAlertOctagon, IconFlag } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';
import { IncidentCard } from './IncidentCard.js';

const view = ['incident.view', 'incident.handle'] as const;
const handle = 'incident.handle' as const;

// The public reporting form (/report/:tenantCode) and the contact-drill acknowledgement
// (/incident-ack/:token) live outside the signed-in shell (app/router.tsx → public-routes.tsx).
export const incidentsModule: WebModule = {
  id: 'incidents',
  navSection: 'check',
  routes: [
    // Any signed-in person may report and follow their own case (the server decides what they see).
    { path: 'incidents', component: lazy(() => import('./IncidentsPage.js')) },
    { path: 'incidents/report', component: lazy(() => import('./SignedInReportPage.js')) },
    { path: 'incidents/year', component: lazy(() => import('./YearListPage.js')), permission: view },
    { path: 'incidents/flow', component: lazy(() => import('./FlowEditorPage.js')), permission: view },
    {
      path: 'incidents/contact-drills',
      component: lazy(() => import('./ContactDrillsPage.js')),
      permission: handle,
    },
    { path: 'incidents/:id', component: lazy(() => import('./CasePage.js')) },
  ],
  nav: [
    {
      id: 'incidents',
      label: 'incidents:nav.incidents',
      path: '/incidents',
      icon: IconAlertOctagon,
      // Every agency user may report and follow their own case.
      tenantKind: 'agency',
      order: 30,
    },
    {
      id: 'incidents-year',
      label: 'incidents:nav.year',
      path: '/incidents/year',
      icon: IconFlag,
      permission: view,
      order: 31,
    },
    {
      id: 'incidents-flow',
      label: 'incidents:nav.flow',
      path: '/incidents/flow',
      icon: IconFlag,
      permission: view,
      order: 32,
    },
    {
      id: 'incidents-contact',
      label: 'incidents:nav.contact',
      path: '/incidents/contact-drills',
      icon: IconFlag,
      permission: handle,
      order: 33,
    },
  ],
  cards: [{ id: 'incidents-open', component: IncidentCard, permission: view, order: 26 }],
};
