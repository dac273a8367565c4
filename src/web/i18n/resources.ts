// Every namespace in both languages. A later module adds its two files here (ja is the reference:
// keys are type-checked against it, and i18n.test.ts checks en has exactly the same keys).
import enAdmin from './en/admin.json' with { type: 'json' };
import enAudit from './en/audit.json' with { type: 'json' };
import enAuth from './en/auth.json' with { type: 'json' };
import enCentral from './en/central.json' with { type: 'json' };
import enClassification from './en/classification.json' with { type: 'json' };
import enCommon from './en/common.json' with { type: 'json' };
import enDashboard from './en/dashboard.json' with { type: 'json' };
import enDrills from './en/drills.json' with { type: 'json' };
import enMail from './en/mail.json' with { type: 'json' };
import enOrg from './en/org.json' with { type: 'json' };
import enProfile from './en/profile.json' with { type: 'json' };
import enSelfcheck from './en/selfcheck.json' with { type: 'json' };
import enTraining from './en/training.json' with { type: 'json' };
import enVendors from './en/vendors.json' with { type: 'json' };
import jaAdmin from './ja/admin.json' with { type: 'json' };
import jaAudit from './ja/audit.json' with { type: 'json' };
import jaAuth from './ja/auth.json' with { type: 'json' };
import jaCentral from './ja/central.json' with { type: 'json' };
import jaClassification from './ja/classification.json' with { type: 'json' };
import jaCommon from './ja/common.json' with { type: 'json' };
import jaDashboard from './ja/dashboard.json' with { type: 'json' };
import jaDrills from './ja/drills.json' with { type: 'json' };
import jaMail from './ja/mail.json' with { type: 'json' };
import jaOrg from './ja/org.json' with { type: 'json' };
import jaProfile from './ja/profile.json' with { type: 'json' };
import jaSelfcheck from './ja/selfcheck.json' with { type: 'json' };
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
    mail: jaMail,
    vendors: jaVendors,
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
    mail: enMail,
    vendors: enVendors,
  },
} as const;

export const namespaces = Object.keys(resources.ja) as (keyof (typeof resources)['ja'])[];
