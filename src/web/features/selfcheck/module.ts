import { IconChecklist, IconClipboardCheck, IconListDetails } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';
import { OpenCampaignsCard } from './campaigns/OpenCampaignsCard.js';
import { MyPendingCard } from './my/MyPendingCard.js';

const view = 'selfcheck.view' as const;

export const selfcheckModule: WebModule = {
  id: 'selfcheck',
  navSection: 'selfcheck',
  routes: [
    { path: 'selfcheck/my', component: lazy(() => import('./my/MySelfcheckPage.js')) },
    { path: 'selfcheck/my/:memberId', component: lazy(() => import('./my/QuestionnairePage.js')) },
    {
      path: 'selfcheck/campaigns',
      component: lazy(() => import('./campaigns/CampaignsPage.js')),
      permission: view,
    },
    {
      path: 'selfcheck/campaigns/new',
      component: lazy(() => import('./campaigns/CampaignNewPage.js')),
      permission: 'selfcheck.manage',
    },
    {
      path: 'selfcheck/campaigns/:id',
      component: lazy(() => import('./campaigns/CampaignOverviewPage.js')),
      permission: view,
    },
    {
      path: 'selfcheck/campaigns/:id/progress',
      component: lazy(() => import('./progress/ProgressPage.js')),
      permission: view,
    },
    {
      path: 'selfcheck/campaigns/:id/results',
      component: lazy(() => import('./results/ResultsPage.js')),
      permission: view,
    },
    {
      path: 'selfcheck/campaigns/:id/samples',
      component: lazy(() => import('./samples/SamplesPage.js')),
      permission: 'selfcheck.audit',
    },
    {
      path: 'selfcheck/campaigns/:id/samples/:sampleId',
      component: lazy(() => import('./samples/SamplePage.js')),
      permission: 'selfcheck.audit',
    },
    {
      path: 'selfcheck/standards',
      component: lazy(() => import('./standards/StandardsPage.js')),
      permission: view,
    },
    {
      path: 'selfcheck/standards/catalogs/:id',
      component: lazy(() => import('./standards/CatalogPage.js')),
      permission: view,
    },
    {
      path: 'selfcheck/standards/policies/:id',
      component: lazy(() => import('./standards/PolicyPage.js')),
      permission: view,
    },
  ],
  nav: [
    {
      id: 'selfcheck-my',
      label: 'selfcheck:nav.my',
      path: '/selfcheck/my',
      icon: IconClipboardCheck,
      tenantKind: 'agency',
      order: 20,
    },
    {
      id: 'selfcheck-campaigns',
      label: 'selfcheck:nav.campaigns',
      path: '/selfcheck/campaigns',
      icon: IconChecklist,
      permission: view,
      order: 30,
    },
    {
      id: 'selfcheck-standards',
      label: 'selfcheck:nav.standards',
      path: '/selfcheck/standards',
      icon: IconListDetails,
      permission: view,
      order: 35,
    },
  ],
  cards: [
    { id: 'selfcheck-mine', component: MyPendingCard, tenantKind: 'agency', order: 5 },
    { id: 'selfcheck-open', component: OpenCampaignsCard, permission: view, order: 25 },
  ],
};
