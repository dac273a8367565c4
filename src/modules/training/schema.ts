// This module's tables (re-exported by src/db/schema.ts).
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
import { accounts } from '../accounts/schema.js';
import { people, tenants } from '../org/schema.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const COURSE_STATUSES = ['draft', 'published', 'archived'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];
export const QUESTION_KINDS = ['single', 'multiple'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const ASSIGNMENT_SOURCES = ['rule', 'manual', 'drill_followup'] as const;
export type AssignmentSource = (typeof ASSIGNMENT_SOURCES)[number];
export const COMPLETED_VIA = ['test', 'classroom', 'offline'] as const;
export type CompletedVia = (typeof COMPLETED_VIA)[number];
/** How an offline copy was read (a CD-R or printed copy read and confirmed, 002 L76-78). */
export const OFFLINE_METHODS = ['printed', 'disc', 'other'] as const;
export type OfflineMethod = (typeof OFFLINE_METHODS)[number];
export const SURVEY_KINDS = ['scale', 'text'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];
export const ATTEMPT_STATES = ['open', 'submitted', 'abandoned'] as const;

export interface VideoLink {
  title: string;
  url: string;
}
/** A post-course survey question (003 L401-403): a 1–5 scale or free text. */
export interface CourseSurveyQuestion {
  id: string;
  kind: SurveyKind;
  text: string;
}
export interface Choice {
  id: string;
  text: string;
  correct: boolean;
}

/** A course (e-learning): pages to read, then a confirmation test. `key` marks a shipped starter course. */
export const trainingCourses = pgTable(
  'training_courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    key: text('key'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** Role keys the course is meant for (informational; assignment rules decide who gets it). */
    audienceRoleKeys: jsonb('audience_role_keys').$type<string[]>().notNull().default([]),
    passMark: integer('pass_mark').notNull().default(80),
    /** METI counts a course complete only at a perfect score (000 L1333). */
    perfectScoreRequired: boolean('perfect_score_required').notNull().default(false),
    /** Questions drawn per attempt; null = all. */
    questionsPerAttempt: integer('questions_per_attempt'),
    shuffle: boolean('shuffle').notNull().default(true),
    /** Remind anyone incomplete this many days after assignment (002 L644: a month). */
    reminderAfterDays: integer('reminder_after_days').notNull().default(30),
    /** The post-course survey shown after completing (empty = none). */
    survey: jsonb('survey').$type<CourseSurveyQuestion[]>().notNull().default([]),
    status: text('status', { enum: COURSE_STATUSES }).notNull().default('draft'),
    version: integer('version').notNull().default(1),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('training_courses_tenant_key').on(t.tenantId, t.key)],
);

export const trainingPages = pgTable(
  'training_pages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    /** Markdown; images as https or relative URLs (e.g. uploaded images under /api/v1/training/images/…). */
    body: text('body').notNull(),
    videos: jsonb('videos').$type<VideoLink[]>().notNull().default([]),
  },
  (t) => [index('training_pages_course').on(t.courseId, t.position)],
);

export const trainingQuestions = pgTable(
  'training_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind', { enum: QUESTION_KINDS }).notNull(),
    text: text('text').notNull(),
    choices: jsonb('choices').$type<Choice[]>().notNull(),
    explanation: text('explanation').notNull().default(''),
  },
  (t) => [index('training_questions_course').on(t.courseId, t.position)],
);

/** Images uploaded for course pages, served back with their content type. */
export const trainingImages = pgTable('training_images', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  contentType: text('content_type').notNull(),
  filename: text('filename').notNull(),
  bytes: bytea('bytes').notNull(),
  createdBy: uuid('created_by').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Who gets a course automatically: roles (any of), units (subtrees, any of), hired on or after. */
export const trainingRules = pgTable('training_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  courseId: uuid('course_id')
    .notNull()
    .references(() => trainingCourses.id),
  roleKeys: jsonb('role_keys').$type<string[]>().notNull().default([]),
  unitIds: jsonb('unit_ids').$type<string[]>().notNull().default([]),
  hiredOnOrAfter: date('hired_on_or_after'),
  dueDays: integer('due_days'),
  /** Assign again every fiscal year (教育計画 each year, 003 L390-393): one assignment per person per year. */
  everyFiscalYear: boolean('every_fiscal_year').notNull().default(false),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const trainingAssignments = pgTable(
  'training_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** The fiscal year the assignment counts toward (completion rates are per fiscal year). */
    fiscalYear: integer('fiscal_year').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
    dueOn: date('due_on'),
    sourceKind: text('source_kind', { enum: ASSIGNMENT_SOURCES }).notNull(),
    sourceId: uuid('source_id'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedVia: text('completed_via', { enum: COMPLETED_VIA }),
    /** When the assignment notice was mailed (null: not yet, or no address). */
    noticeSentAt: timestamp('notice_sent_at', { withTimezone: true }),
  },
  (t) => [
    // At most one open assignment of a course per person and fiscal year (assignCourse relies on it).
    uniqueIndex('training_assignments_open')
      .on(t.courseId, t.personId, t.fiscalYear)
      .where(sql`completed_at is null`),
    index('training_assignments_course_year').on(t.courseId, t.fiscalYear),
    index('training_assignments_person').on(t.personId),
    index('training_assignments_course').on(t.courseId, t.assignedAt),
  ],
);

/** One row per reminder sent for an assignment and threshold, so nobody is mailed twice for it. */
export const trainingReminders = pgTable(
  'training_reminders',
  {
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => trainingAssignments.id),
    threshold: text('threshold').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.threshold] })],
);

/** A question as served in an attempt, with the answer key kept on the server. */
export interface ServedQuestion {
  questionId: string;
  kind: QuestionKind;
  text: string;
  choices: Choice[];
  explanation: string;
}

/**
 * A snapshot of served questions that many attempts share (attempts written in bulk, such as the demo's,
 * all served the same questions in the same order): stored once instead of once per attempt.
 */
export const trainingServedSets = pgTable('training_served_sets', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  courseId: uuid('course_id')
    .notNull()
    .references(() => trainingCourses.id),
  courseVersion: integer('course_version').notNull(),
  served: jsonb('served').$type<ServedQuestion[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const trainingAttempts = pgTable(
  'training_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    assignmentId: uuid('assignment_id').references(() => trainingAssignments.id),
    courseVersion: integer('course_version').notNull(),
    seed: integer('seed').notNull(),
    /**
     * The questions served, in order, with the choice order served (a snapshot: edits later change
     * nothing); either here or, when shared with other attempts, in training_served_sets.
     */
    served: jsonb('served').$type<ServedQuestion[]>(),
    servedSetId: uuid('served_set_id').references(() => trainingServedSets.id),
    answers: jsonb('answers').$type<Record<string, string[]>>(),
    state: text('state', { enum: ATTEMPT_STATES }).notNull().default('open'),
    correctCount: integer('correct_count'),
    score: integer('score'),
    passed: boolean('passed'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [
    index('training_attempts_person').on(t.personId, t.courseId, t.startedAt),
    // The completion list's status, attempts and best score per assignment (a scan per row without it).
    index('training_attempts_assignment').on(t.assignmentId, t.state),
    check('training_attempts_served_once', sql`(${t.served} is null) <> (${t.servedSetId} is null)`),
  ],
);

/** A classroom session (e.g. April and October); attendance counts toward completion. */
export const trainingSessions = pgTable('training_sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  courseId: uuid('course_id')
    .notNull()
    .references(() => trainingCourses.id),
  heldOn: date('held_on').notNull(),
  place: text('place').notNull().default(''),
  note: text('note').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const trainingAttendance = pgTable(
  'training_attendance',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    attended: boolean('attended').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.personId] })],
);

/** Evidence of an offline completion (002 L76-78), recorded by the office: a note and/or a file. */
export const trainingOfflineCompletions = pgTable('training_offline_completions', {
  assignmentId: uuid('assignment_id')
    .primaryKey()
    .references(() => trainingAssignments.id),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  method: text('method', { enum: OFFLINE_METHODS }).notNull(),
  completedOn: date('completed_on').notNull(),
  note: text('note').notNull().default(''),
  fileName: text('file_name'),
  fileType: text('file_type'),
  fileBytes: bytea('file_bytes'),
  recordedBy: uuid('recorded_by').references(() => accounts.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One learner's answers to a course's post-course survey, for the fiscal year of the assignment. */
export const trainingSurveyAnswers = pgTable(
  'training_survey_answers',
  {
    assignmentId: uuid('assignment_id')
      .primaryKey()
      .references(() => trainingAssignments.id),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id),
    fiscalYear: integer('fiscal_year').notNull(),
    /** Question id → 1..5 (scale) or text. */
    answers: jsonb('answers').$type<Record<string, number | string>>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('training_survey_answers_course').on(t.courseId, t.fiscalYear)],
);
