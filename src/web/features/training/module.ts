import { IconCertificate, IconChartBar, IconSchool, IconUsersGroup } from '@tabler/icons-react';
import { lazy } from 'react';
import type { WebModule } from '../../app/registry.js';
import { TrainingCard } from './TrainingCard.js';

const manage = 'training.manage' as const;
const view = ['training.view', 'training.manage'] as const;

export const trainingModule: WebModule = {
  id: 'training',
  navSection: 'training',
  routes: [
    { path: 'training/my', component: lazy(() => import('./my/MyTrainingPage.js')) },
    { path: 'training/my/:courseId', component: lazy(() => import('./my/CoursePlayerPage.js')) },
    { path: 'training/my/:courseId/test', component: lazy(() => import('./my/TestPage.js')) },
    { path: 'training/my/:courseId/history', component: lazy(() => import('./my/HistoryPage.js')) },
    { path: 'training/courses', component: lazy(() => import('./admin/CoursesPage.js')), permission: manage },
    { path: 'training/report', component: lazy(() => import('./report/ReportPage.js')), permission: view },
    { path: 'training/rules', component: lazy(() => import('./admin/RulesPage.js')), permission: manage },
    {
      path: 'training/courses/:id',
      component: lazy(() => import('./admin/CourseEditorPage.js')),
      permission: manage,
    },
  ],
  nav: [
    {
      id: 'training-my',
      label: 'training:nav.my',
      path: '/training/my',
      icon: IconSchool,
      tenantKind: 'agency',
      order: 40,
    },
    {
      id: 'training-courses',
      label: 'training:nav.courses',
      path: '/training/courses',
      icon: IconCertificate,
      permission: manage,
      order: 42,
    },
    {
      id: 'training-rules',
      label: 'training:nav.assignments',
      path: '/training/rules',
      icon: IconUsersGroup,
      permission: manage,
      order: 43,
    },
    {
      id: 'training-report',
      label: 'training:nav.report',
      path: '/training/report',
      icon: IconChartBar,
      permission: view,
      order: 44,
    },
  ],
  cards: [{ id: 'training', component: TrainingCard, tenantKind: 'agency', order: 8 }],
};
