// Every namespace in both languages. A later module adds its two files here (ja is the reference:
// keys are type-checked against it, and i18n.test.ts checks en has exactly the same keys).
import enAdmin from './en/admin.json' with { type: 'json' };
import enAdvisories from './en/advisories.json' with { type: 'json' };
import enAlerts from './en/alerts.json' with { type: 'json' };
import enAudit from './en/audit.json' with { type: 'json' };
import enAuth from './en/auth.json' with { type: 'json' };
import enCentral from './en/central.json' with { type: 'json' };
import enClassification from './en/classification.json' with { type: 'json' };
import enCommon from './en/common.json' with { type: 'json' };
import enDashboard from './en/dashboard.json' with { type: 'json' };
import enDrills from './en/drills.json' with { type: 'json' };
import enExceptions from './en/exceptions.json' with { type: 'json' };
import enFindings from './en/findings.json' with { type: 'json' };
import enIncidents from './en/incidents.json' with { type: 'json' };
import enInspections from './en/inspections.json' with { type: 'json' };
import enJobs from './en/jobs.json' with { type: 'json' };
import enMail from './en/mail.json' with { type: 'json' };
import enOrg from './en/org.json' with { type: 'json' };
import enPortal from './en/portal.json' with { type: 'json' };
import enProfile from './en/profile.json' with { type: 'json' };
import enReport from './en/report.json' with { type: 'json' };
import enSecaudit from './en/secaudit.json' with { type: 'json' };
import enSelfcheck from './en/selfcheck.json' with { type: 'json' };
import enSystems from './en/systems.json' with { type: 'json' };
import enTraining from './en/training.json' with { type: 'json' };
import enVendors from './en/vendors.json' with { type: 'json' };
import jaAdmin from './ja/admin.json' with { type: 'json' };
import jaAdvisories from './ja/advisories.json' with { type: 'json' };
import jaAlerts from './ja/alerts.json' with { type: 'json' };
import jaAudit from './ja/audit.json' with { type: 'json' };
import jaAuth from './ja/auth.json' with { type: 'json' };
import jaCentral from './ja/central.json' with { type: 'json' };
import jaClassification from './ja/classification.json' with { type: 'json' };
import jaCommon from './ja/common.json' with { type: 'json' };
import jaDashboard from './ja/dashboard.json' with { type: 'json' };
import jaDrills from './ja/drills.json' with { type: 'json' };
import jaExceptions from './ja/exceptions.json' with { type: 'json' };
import jaFindings from './ja/findings.json' with { type: 'json' };
import jaIncidents from './ja/incidents.json' with { type: 'json' };
import jaInspections from './ja/inspections.json' with { type: 'json' };
import jaJobs from './ja/jobs.json' with { type: 'json' };
import jaMail from './ja/mail.json' with { type: 'json' };
import jaOrg from './ja/org.json' with { type: 'json' };
import jaPortal from './ja/portal.json' with { type: 'json' };
import jaProfile from './ja/profile.json' with { type: 'json' };
import jaReport from './ja/report.json' with { type: 'json' };
import jaSecaudit from './ja/secaudit.json' with { type: 'json' };
import jaSelfcheck from './ja/selfcheck.json' with { type: 'json' };
import jaSystems from './ja/systems.json' with { type: 'json' };
import jaTraining from './ja/training.json' with { type: 'json' };
import jaVendors from './ja/vendors.json' with { type: 'json' };

export const resources = {
  ja: {
    common: jaCommon,
    auth: jaAuth,
    dashboard: jaDashboard,
    org: jaOrg,
    admin: jaAdmin,
    audit: jaAudit,
    profile: jaProfile,
    selfcheck: jaSelfcheck,
    central: jaCentral,
    classification: jaClassification,
    training: jaTraining,
    drills: jaDrills,
    jobs: jaJobs,
    incidents: jaIncidents,
    findings: jaFindings,
    mail: jaMail,
    secaudit: jaSecaudit,
    exceptions: jaExceptions,
    report: jaReport,
    systems: jaSystems,
    advisories: jaAdvisories,
    inspections: jaInspections,
    vendors: jaVendors,
    portal: jaPortal,
    alerts: jaAlerts,
  },
  en: {
    common: enCommon,
    auth: enAuth,
    dashboard: enDashboard,
    org: enOrg,
    admin: enAdmin,
    audit: enAudit,
    profile: enProfile,
    selfcheck: enSelfcheck,
    central: enCentral,
    classification: enClassification,
    training: enTraining,
    drills: enDrills,
    jobs: enJobs,
    incidents: enIncidents,
    findings: enFindings,
    mail: enMail,
    secaudit: enSecaudit,
    exceptions: enExceptions,
    report: enReport,
    systems: enSystems,
    advisories: enAdvisories,
    inspections: enInspections,
    vendors: enVendors,
    portal: enPortal,
    alerts: enAlerts,
  },
} as const;

export const namespaces = Object.keys(resources.ja) as (keyof (typeof resources)['ja'])[];
