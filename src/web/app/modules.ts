import { adminModule } from '../features/admin/module.js';
import { alertsModule } from '../features/alerts/module.js';
import { auditModule } from '../features/audit/module.js';
import { centralModule } from '../features/central/module.js';
import { classificationModule } from '../features/classification/module.js';
import { dashboardModule } from '../features/dashboard/module.js';
import { drillsModule } from '../features/drills/module.js';
import { exceptionsModule } from '../features/exceptions/module.js';
import { incidentsModule } from '../features/incidents/module.js';
import { jobsModule } from '../features/jobs/module.js';
import { mailModule } from '../features/mail/module.js';
import { orgModule } from '../features/org/module.js';
import { portalModule } from '../features/portal/module.js';
import { profileModule } from '../features/profile/module.js';
import { reportModule } from '../features/report/module.js';
import { secauditModule } from '../features/secaudit/module.js';
import { selfcheckModule } from '../features/selfcheck/module.js';
import { advisoriesModule } from '../features/systems/advisories/module.js';
import { findingsModule } from '../features/systems/findings/module.js';
import { inspectionsModule } from '../features/systems/inspections/module.js';
import { systemsModule } from '../features/systems/module.js';
import { trainingModule } from '../features/training/module.js';
import { vendorsModule } from '../features/vendors/module.js';
import type { WebModule } from './registry.js';

/** Every feature of the web app. A new module adds one line here (see registry.ts). */
export const modules: WebModule[] = [
  dashboardModule,
  orgModule,
  adminModule,
  auditModule,
  profileModule,
  selfcheckModule,
  centralModule,
  classificationModule,
  trainingModule,
  drillsModule,
  secauditModule,
  exceptionsModule,
  reportModule,
  incidentsModule,
  systemsModule,
  findingsModule,
  mailModule,
  jobsModule,
  advisoriesModule,
  inspectionsModule,
  vendorsModule,
  portalModule,
  alertsModule,
];

const byOrder = <T extends { order: number }>(a: T, b: T) => a.order - b.order;
export const navItems = modules
  .flatMap((m) => (m.nav ?? []).map((item) => ({ ...item, section: item.section ?? m.navSection })))
  .sort(byOrder);
export const dashboardCards = modules.flatMap((m) => m.cards ?? []).sort(byOrder);
export const routes = modules.flatMap((m) => m.routes ?? []);
