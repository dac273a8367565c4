// Cloud services (約款による外部サービス), SNS accounts and outsourcing contracts (re-exported by
// src/db/schema.ts). Dates the office keeps (due dates, periods, expiry) are Japanese calendar days.
import {
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { handlingRequests } from '../classification/register-schema.js';
import { orgUnits, people, tenants } from '../org/schema.js';
import type { ChecklistAnswer } from './rules.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

const day = (name: string) => date(name, { mode: 'string' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const VENDOR_STATUSES = ['active', 'retired'] as const;

/** An allowed terms-of-service cloud service and its conditions (001 L11001-11080). */
export const cloudServices = pgTable(
  'cloud_services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The unit (部局) whose 情報セキュリティ責任者 names the responsible person. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    name: text('name').notNull(),
    provider: text('provider').notNull(),
    url: text('url').notNull().default(''),
    allowedUses: text('allowed_uses').notNull().default(''),
    conditions: text('conditions').notNull().default(''),
    /** Highest confidentiality allowed; never 要機密情報 (rules.ts CLOUD_MAX_CONFIDENTIALITY). */
    maxConfidentiality: integer('max_confidentiality').notNull().default(1),
    responsiblePersonId: uuid('responsible_person_id').references(() => people.id),
    namedByPersonId: uuid('named_by_person_id').references(() => people.id),
    namedAt: at('named_at'),
    validFrom: day('valid_from'),
    validTo: day('valid_to'),
    reconfirmDue: day('reconfirm_due'),
    lastConfirmedAt: at('last_confirmed_at'),
    lastConfirmedBy: uuid('last_confirmed_by').references(() => people.id),
    status: text('status', { enum: VENDOR_STATUSES }).notNull().default('active'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('cloud_services_tenant').on(t.tenantId, t.name)],
);

/** Which registered service a cloud-service handling request names. */
export const cloudServiceRequests = pgTable('cloud_service_requests', {
  requestId: uuid('request_id')
    .primaryKey()
    .references(() => handlingRequests.id),
  serviceId: uuid('service_id')
    .notNull()
    .references(() => cloudServices.id),
});

/** An official SNS account (001 L14190-14392) with its checklist answers. */
export const snsAccounts = pgTable(
  'sns_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    platform: text('platform').notNull(),
    accountName: text('account_name').notNull(),
    url: text('url').notNull().default(''),
    purpose: text('purpose').notNull().default(''),
    checklist: jsonb('checklist').$type<Record<string, ChecklistAnswer>>().notNull().default({}),
    checklistUpdatedAt: at('checklist_updated_at'),
    checklistUpdatedBy: uuid('checklist_updated_by').references(() => people.id),
    reconfirmDue: day('reconfirm_due'),
    lastConfirmedAt: at('last_confirmed_at'),
    lastConfirmedBy: uuid('last_confirmed_by').references(() => people.id),
    status: text('status', { enum: VENDOR_STATUSES }).notNull().default('active'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('sns_accounts_tenant').on(t.tenantId, t.reconfirmDue)],
);

/** The account's 管理担当者. */
export const snsAccountManagers = pgTable(
  'sns_account_managers',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => snsAccounts.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.personId] }),
    index('sns_account_managers_person').on(t.personId),
  ],
);

export interface Subcontractor {
  name: string;
  representative: string;
  location: string;
  mainShareholders: string;
}

/** An outsourcing contract (000 L1374-1430, 001 L14916-14930, L10899-10901). */
export const vendorContracts = pgTable(
  'vendor_contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    name: text('name').notNull(),
    contractor: text('contractor').notNull(),
    contractorLocation: text('contractor_location').notNull().default(''),
    subcontractors: jsonb('subcontractors').$type<Subcontractor[]>().notNull().default([]),
    workLocation: text('work_location').notNull().default(''),
    /** 資本関係・役員等 (001 L10899). */
    affiliation: text('affiliation').notNull().default(''),
    /** 従事者の所属・専門性（資格等）・実績・国籍 (001 L14924-14926). */
    staffQualifications: text('staff_qualifications').notNull().default(''),
    ismsCertificateNo: text('isms_certificate_no').notNull().default(''),
    ismsCertificateExpiry: day('isms_certificate_expiry'),
    periodFrom: day('period_from'),
    periodTo: day('period_to'),
    systemIds: jsonb('system_ids').$type<string[]>().notNull().default([]),
    specItems: jsonb('spec_items').$type<string[]>().notNull().default([]),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('vendor_contracts_tenant').on(t.tenantId, t.name)],
);

/** One check item of a contract at one phase: result, evidence, who checked and when. */
export const vendorContractChecks = pgTable(
  'vendor_contract_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => vendorContracts.id),
    phase: text('phase', { enum: ['contract', 'during', 'delivery'] }).notNull(),
    itemKey: text('item_key').notNull(),
    result: text('result', { enum: ['ok', 'ng', 'na'] }),
    evidence: text('evidence').notNull().default(''),
    checkedBy: uuid('checked_by').references(() => people.id),
    checkedAt: at('checked_at'),
  },
  (t) => [uniqueIndex('vendor_contract_checks_item').on(t.contractId, t.phase, t.itemKey)],
);

/** Evidence files of a check, kept in the database (never under the web root). */
export const vendorCheckFiles = pgTable(
  'vendor_check_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    checkId: uuid('check_id')
      .notNull()
      .references(() => vendorContractChecks.id),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => people.id),
    uploadedAt: at('uploaded_at').notNull().defaultNow(),
  },
  (t) => [index('vendor_check_files_check').on(t.checkId)],
);
