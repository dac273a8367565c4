import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { orgUnits, people, tenants } from '../org/schema.js';

// The information-system ledger (情報システム管理台帳, 000 L829-851, 002 L287-303): every system the
// agency runs, who answers for it, and what it is made of, so that an advisory or an inspection item
// reaches the person who must act. Advisories, inspections, probes and findings hang off these tables.

export const LIFECYCLE_STAGES = ['planning', 'building', 'operating', 'retiring', 'retired'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** IT-BCP status of a system (000 L870-882, 003 L199-213). */
export const BCP_STATUSES = ['none', 'planned', 'documented', 'tested'] as const;
export type BcpStatus = (typeof BCP_STATUSES)[number];

/** Host roles as the national inspection counts them (001 L11109-11198). */
export const HOST_ROLES = ['web', 'mail', 'dns', 'terminal', 'mfp', 'special', 'other'] as const;
export type HostRole = (typeof HOST_ROLES)[number];

/** Public-cloud use of a system (001 L3161-3222). */
export interface CloudUse {
  used: boolean;
  /** 要機密情報 handled in the cloud. */
  confidentialData: boolean;
  /** Data stored in Japan (null = not known). */
  storedInJapan: boolean | null;
  /** Contract terms: governing law, jurisdiction, notes. */
  contractTerms: string;
}

export const systems = pgTable(
  'systems',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The agency's own identifier for the system, unique per tenant (the spreadsheet key). */
    code: text('code').notNull(),
    name: text('name').notNull(),
    purpose: text('purpose').notNull().default(''),
    /** The owning division; authorization over a system is over this unit's subtree. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** The division that maintains the applications, when another one. */
    maintenanceUnitId: uuid('maintenance_unit_id').references(() => orgUnits.id),
    /** 情報システムセキュリティ責任者 (002 L287-295): receives advisories, inspection rounds, findings. */
    securityOfficerId: uuid('security_officer_id').references(() => people.id),
    /** 情報システムセキュリティ管理者 (002 L297-303). */
    administratorId: uuid('administrator_id').references(() => people.id),
    /** Maintainer or contractor (free text; the outsourcing register links contracts). */
    contractor: text('contractor').notNull().default(''),
    lifecycle: text('lifecycle', { enum: LIFECYCLE_STAGES }).notNull().default('operating'),
    internetFacing: boolean('internet_facing').notNull().default(false),
    /** The highest classification of information handled, a level key of the policy in force (e.g. "c3"). */
    maxClassification: text('max_classification'),
    cloud: jsonb('cloud')
      .$type<CloudUse>()
      .notNull()
      .default({ used: false, confidentialData: false, storedInJapan: null, contractTerms: '' }),
    bcpStatus: text('bcp_status', { enum: BCP_STATUSES }).notNull().default('none'),
    /** The yearly review: when and by whom the entry was last confirmed as true. */
    reviewedOn: date('reviewed_on'),
    reviewedBy: uuid('reviewed_by').references(() => accounts.id),
    /** Optimistic concurrency for edits from the screen. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('systems_tenant_code').on(t.tenantId, t.code),
    index('systems_unit').on(t.unitId),
    index('systems_security_officer').on(t.securityOfficerId),
    index('systems_administrator').on(t.administratorId),
  ],
);

/** A host of a system, by role, with its addresses and domains. */
export const systemHosts = pgTable(
  'system_hosts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    role: text('role', { enum: HOST_ROLES }).notNull(),
    name: text('name').notNull(),
    /** IP addresses (v4 or v6). */
    addresses: jsonb('addresses').$type<string[]>().notNull().default([]),
    /** DNS names served (web host names, mail domains). */
    domains: jsonb('domains').$type<string[]>().notNull().default([]),
    /** The owner agreed that Mamoru may probe this host; nothing is probed without it. */
    probeOptIn: boolean('probe_opt_in').notNull().default(false),
    /** TCP ports that may be probed (e.g. 443, 25); empty = the role's default ports. */
    probePorts: jsonb('probe_ports').$type<number[]>().notNull().default([]),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('system_hosts_system').on(t.systemId),
    index('system_hosts_tenant_role').on(t.tenantId, t.role),
  ],
);

/** Installed software as vendor/product/version, with a CPE 2.3 name where known. */
export const systemSoftware = pgTable(
  'system_software',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    hostId: uuid('host_id').references(() => systemHosts.id, { onDelete: 'cascade' }),
    vendor: text('vendor').notNull(),
    product: text('product').notNull(),
    version: text('version').notNull().default(''),
    /** Lower-cased, space/underscore-normalised vendor and product for matching advisories. */
    vendorKey: text('vendor_key').notNull(),
    productKey: text('product_key').notNull(),
    cpe: text('cpe'),
    /** End of vendor support (EoS trackers, 001 L14566-14608). */
    endOfSupport: date('end_of_support'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('system_software_system').on(t.systemId),
    index('system_software_match').on(t.tenantId, t.vendorKey, t.productKey),
    index('system_software_cpe').on(t.tenantId, t.cpe),
  ],
);

/** Server certificates in use (SHA-1/RSA1024 migration, 001 L11831-11849). */
export const systemCertificates = pgTable(
  'system_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    hostId: uuid('host_id').references(() => systemHosts.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    issuer: text('issuer').notNull().default(''),
    notAfter: timestamp('not_after', { withTimezone: true }),
    keyType: text('key_type'),
    keyBits: integer('key_bits'),
    signatureAlgorithm: text('signature_algorithm'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('system_certificates_system').on(t.systemId)],
);

/** The history of a ledger entry: every change with who made it and what changed. */
export const systemChanges = pgTable(
  'system_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => accounts.id),
    /** created, updated, reviewed, host_added, software_removed, imported, … */
    action: text('action').notNull(),
    /** Field → [before, after], or the component added/removed. */
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('system_changes_system').on(t.systemId, t.at)],
);

export const PROBE_KINDS = ['tls', 'http', 'mail'] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

/** Every probe Mamoru ran against a ledger host, with its full result (history and evidence). */
export const systemProbeRuns = pgTable(
  'system_probe_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    hostId: uuid('host_id')
      .notNull()
      .references(() => systemHosts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: PROBE_KINDS }).notNull(),
    /** host:port for tls/http, the domain for mail. */
    target: text('target').notNull(),
    /** The probe's JSON result (src/modules/systems/probe/types.ts); null when it failed. */
    result: jsonb('result'),
    error: text('error'),
    requestedBy: uuid('requested_by').references(() => accounts.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('system_probe_runs_host').on(t.hostId, t.startedAt),
    index('system_probe_runs_tenant_started').on(t.tenantId, t.startedAt),
  ],
);

/**
 * The agency's ledger settings: its consolidation targets for public web and mail servers (サーバ集約化,
 * 001 L3131-3143). Null: no target set.
 */
export const systemsSettings = pgTable('systems_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  webServerTarget: integer('web_server_target'),
  mailServerTarget: integer('mail_server_target'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
