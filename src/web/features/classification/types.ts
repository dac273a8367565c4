// API shapes of the classification module, inferred type-only from the server's zod schemas.
import type { z } from 'zod';
import type { HandlingAction } from '../../../modules/classification/policy-model.js';
import type {
  ClassificationPolicyListOut,
  ClassificationPolicyOut,
  ClassificationSettingsOut,
} from '../../../modules/classification/policy-validation.js';
import type {
  EntryDetailOut,
  EntryHistoryOut,
  EntryOut,
  OverviewOut,
} from '../../../modules/classification/register-validation.js';
import type {
  DashboardOut,
  RequestOut,
  RequirementsOut,
} from '../../../modules/classification/request-validation.js';

export type { HandlingAction };
export type ClassificationPolicy = ClassificationPolicyOut;
export type ConfidentialityLevel = ClassificationPolicy['levels']['confidentiality'][number];
export type Level = ClassificationPolicy['levels']['integrity'][number];
export type RestrictionDef = ClassificationPolicy['restrictions'][number];
export type HandlingRule = ClassificationPolicy['rules'][number];
export type PolicyList = ClassificationPolicyListOut;
export type PolicySummary = PolicyList['items'][number];
export type Settings = ClassificationSettingsOut;

export type Entry = EntryOut;
export type EntryDetail = EntryDetailOut;
export type EntryStatus = Entry['status'];
export type EntryForm = Entry['form'];
export type EntryEvent = z.infer<typeof EntryHistoryOut>;
export type Overview = OverviewOut;
export type HandlingRequest = RequestOut;
export type RequestStatus = RequestOut['status'];
export type RequestStep = RequestOut['steps'][number];
export type Requirements = RequirementsOut;
export type Dashboard = DashboardOut;
