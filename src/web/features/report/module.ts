import { IconReportAnalytics } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';

// 年次報告: the office writes it, the CISO approves it, everyone with report.view reads it.
export const reportModule: WebModule = {
  id: 'report',
  navSection: 'report',
  routes: [
    {
      path: 'reports/annual',
      component: lazy(() => import('./ReportPage.js')),
      permission: ['report.view', 'report.manage', 'report.approve'],
    },
  ],
  nav: [
    {
      id: 'annual-report',
      label: 'report:nav',
      path: '/reports/annual',
      icon: IconReportAnalytics,
      permission: ['report.view', 'report.manage', 'report.approve'],
      order: 10,
      tenantKind: 'agency',
    },
  ],
};
