import { z } from 'zod';
import { str } from '../../server/validation.js';
import { ASSIGNMENT_STATUSES } from './rules.js';
import {
  ASSIGNMENT_SOURCES,
  ATTEMPT_STATES,
  COMPLETED_VIA,
  COURSE_STATUSES,
  OFFLINE_METHODS,
  QUESTION_KINDS,
  SURVEY_KINDS,
} from './schema.js';

const text = (max: number) => str().trim().max(max);
const day = z.iso.date();
const Id = z.uuid();
const bool = z.enum(['true', 'false']);
/** A fiscal year (April–March); reports default to the current one in Japan. */
const FiscalYear = z.coerce.number().int().min(2000).max(2100);

// --- courses (admin) ---------------------------------------------------------------------------------

export const CourseOut = z.object({
  id: z.string(),
  key: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  audienceRoleKeys: z.array(z.string()),
  passMark: z.number().int(),
  perfectScoreRequired: z.boolean(),
  questionsPerAttempt: z.number().int().nullable(),
  shuffle: z.boolean(),
  reminderAfterDays: z.number().int(),
  status: z.enum(COURSE_STATUSES),
  version: z.number().int(),
  publishedAt: z.string().nullable(),
  pageCount: z.number().int(),
  questionCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CourseOut = z.infer<typeof CourseOut>;

const courseSettings = {
  title: text(200).min(1),
  description: text(4000),
  audienceRoleKeys: z.array(text(100).min(1)).max(50),
  passMark: z.number().int().min(1).max(100),
  perfectScoreRequired: z.boolean(),
  questionsPerAttempt: z.number().int().min(1).max(500).nullable(),
  shuffle: z.boolean(),
  reminderAfterDays: z.number().int().min(1).max(365),
};
export const CreateCourseBody = z.strictObject({
  ...courseSettings,
  description: courseSettings.description.default(''),
  audienceRoleKeys: courseSettings.audienceRoleKeys.default([]),
  passMark: courseSettings.passMark.default(80),
  perfectScoreRequired: courseSettings.perfectScoreRequired.default(false),
  questionsPerAttempt: courseSettings.questionsPerAttempt.default(null),
  shuffle: courseSettings.shuffle.default(true),
  reminderAfterDays: courseSettings.reminderAfterDays.default(30),
});
export type CreateCourseBody = z.infer<typeof CreateCourseBody>;
export const UpdateCourseBody = z.strictObject(courseSettings).partial();
export type UpdateCourseBody = z.infer<typeof UpdateCourseBody>;

export const ListCoursesQuery = z.strictObject({ status: z.enum(COURSE_STATUSES).optional() });

/** Image URLs in pages and video links: https, or a path on this site. */
const link = text(2000)
  .min(1)
  .refine((u) => /^https:\/\//i.test(u) || /^\/(?!\/)/.test(u), {
    message: 'must be an https:// URL or a path starting with /',
  });

export const VideoLinkBody = z.strictObject({ title: text(200).min(1), url: link });
export const PageBody = z.strictObject({
  title: text(200).min(1),
  body: text(100_000),
  videos: z.array(VideoLinkBody).max(20).default([]),
});
export const ChoiceBody = z.strictObject({ text: text(1000).min(1), correct: z.boolean() });
export const QuestionBody = z
  .strictObject({
    kind: z.enum(QUESTION_KINDS),
    text: text(4000).min(1),
    choices: z.array(ChoiceBody).min(2).max(10),
    explanation: text(4000).default(''),
  })
  .superRefine((q, c) => {
    const n = q.choices.filter((x) => x.correct).length;
    if (q.kind === 'single' && n !== 1) {
      c.addIssue({
        code: 'custom',
        path: ['choices'],
        message: 'a single-choice question needs exactly one correct choice',
      });
    }
    if (q.kind === 'multiple' && n < 1) {
      c.addIssue({
        code: 'custom',
        path: ['choices'],
        message: 'a multiple-choice question needs at least one correct choice',
      });
    }
  });

/** The whole content of a course at once (pages and question bank replace the previous ones). */
export const CourseContentBody = z.strictObject({
  pages: z.array(PageBody).max(100),
  questions: z.array(QuestionBody).max(500),
});
export type CourseContentBody = z.infer<typeof CourseContentBody>;

export const PageOut = z.object({
  id: z.string(),
  position: z.number().int(),
  title: z.string(),
  body: z.string(),
  videos: z.array(z.object({ title: z.string(), url: z.string() })),
});
export const QuestionAdminOut = z.object({
  id: z.string(),
  position: z.number().int(),
  kind: z.enum(QUESTION_KINDS),
  text: z.string(),
  choices: z.array(z.object({ id: z.string(), text: z.string(), correct: z.boolean() })),
  explanation: z.string(),
});
/** A course with its pages and question bank including the answer key (training.manage only). */
export const CourseDetailOut = CourseOut.extend({
  pages: z.array(PageOut),
  questions: z.array(QuestionAdminOut),
});
export type CourseDetailOut = z.infer<typeof CourseDetailOut>;

export const CourseTransitionBody = z.strictObject({ to: z.enum(COURSE_STATUSES) });

export const ImageOut = z.object({
  id: z.string(),
  url: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});

export const StarterInstallOut = z.object({
  installed: z.array(z.string()),
  existing: z.array(z.string()),
  courses: z.array(CourseOut),
});

// --- staff: my training, content, attempts -------------------------------------------------------------

export const CourseBriefOut = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  passMark: z.number().int(),
  perfectScoreRequired: z.boolean(),
  questionsPerAttempt: z.number().int().nullable(),
  questionCount: z.number().int(),
});

export const MyAssignmentOut = z.object({
  id: z.string(),
  course: CourseBriefOut,
  assignedAt: z.string(),
  dueOn: z.string().nullable(),
  source: z.enum(ASSIGNMENT_SOURCES),
  status: z.enum(ASSIGNMENT_STATUSES),
  completedAt: z.string().nullable(),
  completedVia: z.enum(COMPLETED_VIA).nullable(),
  attempts: z.number().int(),
  bestScore: z.number().int().nullable(),
  openAttemptId: z.string().nullable(),
  fiscalYear: z.number().int(),
  /** Completed, the course has a post-course survey and it is not answered yet. */
  surveyPending: z.boolean(),
});
export type MyAssignmentOut = z.infer<typeof MyAssignmentOut>;
export const MyTrainingOut = z.object({
  open: z.array(MyAssignmentOut),
  completed: z.array(MyAssignmentOut),
});
export type MyTrainingOut = z.infer<typeof MyTrainingOut>;

/** What a learner reads: the pages, never the questions or answers. */
export const CourseContentOut = z.object({
  course: CourseBriefOut,
  pages: z.array(PageOut),
  assignmentId: z.string().nullable(),
});
export type CourseContentOut = z.infer<typeof CourseContentOut>;

/** A question as served: no correct flags, no explanation. */
export const ServedQuestionOut = z.object({
  questionId: z.string(),
  kind: z.enum(QUESTION_KINDS),
  text: z.string(),
  choices: z.array(z.object({ id: z.string(), text: z.string() })),
});
export const AttemptStartOut = z.object({
  id: z.string(),
  courseId: z.string(),
  startedAt: z.string(),
  questions: z.array(ServedQuestionOut),
});
export type AttemptStartOut = z.infer<typeof AttemptStartOut>;

export const SubmitAttemptBody = z.strictObject({
  answers: z.array(z.strictObject({ questionId: Id, choiceIds: z.array(text(20).min(1)).max(10) })).max(500),
});
export type SubmitAttemptBody = z.infer<typeof SubmitAttemptBody>;

export const AttemptResultOut = z.object({
  id: z.string(),
  courseId: z.string(),
  correctCount: z.number().int(),
  total: z.number().int(),
  score: z.number().int(),
  passed: z.boolean(),
  perfectScoreRequired: z.boolean(),
  passMark: z.number().int(),
  /** True when this submission completed the person's assignment. */
  completedAssignment: z.boolean(),
  results: z.array(
    z.object({
      questionId: z.string(),
      text: z.string(),
      chosen: z.array(z.string()),
      right: z.boolean(),
      explanation: z.string(),
    }),
  ),
});
export type AttemptResultOut = z.infer<typeof AttemptResultOut>;

export const AttemptHistoryQuery = z.strictObject({ courseId: Id.optional() });
export const AttemptHistoryOut = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      courseId: z.string(),
      courseTitle: z.string(),
      state: z.enum(ATTEMPT_STATES),
      startedAt: z.string(),
      submittedAt: z.string().nullable(),
      correctCount: z.number().int().nullable(),
      total: z.number().int(),
      score: z.number().int().nullable(),
      passed: z.boolean().nullable(),
    }),
  ),
});
export type AttemptHistoryOut = z.infer<typeof AttemptHistoryOut>;

// --- assignment rules and manual assignment ------------------------------------------------------------

export const RuleOut = z.object({
  id: z.string(),
  courseId: z.string(),
  courseTitle: z.string(),
  roleKeys: z.array(z.string()),
  unitIds: z.array(z.string()),
  hiredOnOrAfter: z.string().nullable(),
  dueDays: z.number().int().nullable(),
  everyFiscalYear: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type RuleOut = z.infer<typeof RuleOut>;
const ruleFields = {
  courseId: Id,
  roleKeys: z.array(text(100).min(1)).max(50),
  unitIds: z.array(Id).max(200),
  hiredOnOrAfter: day.nullable(),
  dueDays: z.number().int().min(1).max(730).nullable(),
  everyFiscalYear: z.boolean(),
  active: z.boolean(),
};
export const CreateRuleBody = z.strictObject({
  ...ruleFields,
  roleKeys: ruleFields.roleKeys.default([]),
  unitIds: ruleFields.unitIds.default([]),
  hiredOnOrAfter: ruleFields.hiredOnOrAfter.default(null),
  dueDays: ruleFields.dueDays.default(null),
  everyFiscalYear: ruleFields.everyFiscalYear.default(false),
  active: ruleFields.active.default(true),
});
export type CreateRuleBody = z.infer<typeof CreateRuleBody>;
export const UpdateRuleBody = z.strictObject(ruleFields).omit({ courseId: true }).partial();
export type UpdateRuleBody = z.infer<typeof UpdateRuleBody>;

export const JobQueuedOut = z.object({ jobId: z.number().int().nullable(), alreadyQueued: z.boolean() });

export const ManualAssignBody = z
  .strictObject({
    personIds: z.array(Id).max(10_000).default([]),
    /** Everyone in these units' subtrees (within the caller's training.manage scope). */
    unitIds: z.array(Id).max(200).default([]),
    dueOn: day.nullable().default(null),
  })
  .refine((b) => b.personIds.length + b.unitIds.length > 0, { message: 'name people or units' });
export type ManualAssignBody = z.infer<typeof ManualAssignBody>;
export const AssignResultOut = z.object({ assigned: z.number().int(), alreadyAssigned: z.number().int() });

export const RemindBody = z.strictObject({ unitId: Id.nullable().default(null) });

// --- classroom sessions ------------------------------------------------------------------------------

export const SessionOut = z.object({
  id: z.string(),
  courseId: z.string(),
  heldOn: z.string(),
  place: z.string(),
  note: z.string(),
  attended: z.number().int(),
  absent: z.number().int(),
});
export type SessionOut = z.infer<typeof SessionOut>;
export const SessionDetailOut = SessionOut.extend({
  attendance: z.array(
    z.object({
      personId: z.string(),
      staffNo: z.string(),
      name: z.string(),
      unitName: z.string(),
      attended: z.boolean(),
    }),
  ),
});
export type SessionDetailOut = z.infer<typeof SessionDetailOut>;
export const CreateSessionBody = z.strictObject({
  heldOn: day,
  place: text(200).default(''),
  note: text(2000).default(''),
});
export const AttendanceBody = z.strictObject({
  entries: z
    .array(z.strictObject({ personId: Id, attended: z.boolean() }))
    .min(1)
    .max(5000),
});
export type AttendanceBody = z.infer<typeof AttendanceBody>;
export const AttendanceResultOut = z.object({
  recorded: z.number().int(),
  attended: z.number().int(),
  absent: z.number().int(),
  /** Open assignments of the course completed by this attendance. */
  completed: z.number().int(),
});
export const AttendanceImportQuery = z.strictObject({ dryRun: bool.default('false') });
export const AttendanceImportOut = AttendanceResultOut.extend({
  dryRun: z.boolean(),
  rows: z.number().int(),
});

// --- completion (viewers) -------------------------------------------------------------------------------

export const CompletionQuery = z.strictObject({
  courseId: Id,
  unitId: Id.optional(),
  fiscalYear: FiscalYear.optional(),
});
/** A completion rate is a fraction 0..1 (never percent); null when nobody is assigned. */
const Rate = z.number().min(0).max(1).nullable();
export const CompletionFigures = z.object({
  assigned: z.number().int(),
  completed: z.number().int(),
  overdue: z.number().int(),
  rate: Rate,
});
const CompletionRow = CompletionFigures.extend({ offline: z.number().int() });
/** null: all the caller's subtrees (a person may hold training.view on several units). */
const ReportUnit = z.object({ id: z.string(), name: z.string() }).nullable();
export const CompletionOut = z.object({
  course: z.object({ id: z.string(), title: z.string() }),
  unit: ReportUnit,
  fiscalYear: z.number().int(),
  total: CompletionRow,
  /** The unit's own members (not in a sub-unit). */
  direct: CompletionRow,
  /** One row per child unit (or per subtree of the caller), figures over its subtree; drill down by its id. */
  units: z.array(
    CompletionRow.extend({
      unitId: z.string(),
      name: z.string(),
      code: z.string(),
      hasChildren: z.boolean(),
    }),
  ),
});
export type CompletionOut = z.infer<typeof CompletionOut>;

export const QuarterlyQuery = CompletionQuery.extend({ from: day.optional(), to: day.optional() });
const QuarterFigures = z.object({
  fiscalYear: z.number().int(),
  quarter: z.number().int(),
  to: z.string(),
  assigned: z.number().int(),
  completed: z.number().int(),
  rate: Rate,
});
export const QuarterlyOut = z.object({
  course: z.object({ id: z.string(), title: z.string() }),
  unit: ReportUnit,
  quarters: z.array(QuarterFigures),
  units: z.array(z.object({ unitId: z.string(), name: z.string(), quarters: z.array(QuarterFigures) })),
});
export type QuarterlyOut = z.infer<typeof QuarterlyOut>;

export const PeopleStatusQuery = z.strictObject({
  courseId: Id,
  unitId: Id.optional(),
  fiscalYear: FiscalYear.optional(),
  q: str().trim().max(100).optional(),
  status: z.enum(ASSIGNMENT_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type PeopleStatusQuery = z.infer<typeof PeopleStatusQuery>;
export const PersonStatusOut = z.object({
  assignmentId: z.string(),
  personId: z.string(),
  staffNo: z.string(),
  name: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  fiscalYear: z.number().int(),
  assignedAt: z.string(),
  dueOn: z.string().nullable(),
  status: z.enum(ASSIGNMENT_STATUSES),
  completedAt: z.string().nullable(),
  completedVia: z.enum(COMPLETED_VIA).nullable(),
  /** Evidence of an offline completion (printed or disc copy read and confirmed). */
  offline: z.object({ method: z.enum(OFFLINE_METHODS), note: z.string(), hasFile: z.boolean() }).nullable(),
  attempts: z.number().int(),
  bestScore: z.number().int().nullable(),
});
export type PersonStatusOut = z.infer<typeof PersonStatusOut>;
export const PeopleStatusOut = z.object({
  fiscalYear: z.number().int(),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(PersonStatusOut),
});

export const CompletionExportQuery = CompletionQuery;

/** The dashboard card: the caller's own open training, and (with training.view) completion per course. */
export const TrainingSummaryOut = z.object({
  fiscalYear: z.number().int(),
  my: z.object({ open: z.number().int(), overdue: z.number().int(), completed: z.number().int() }),
  courses: z.array(CompletionFigures.extend({ courseId: z.string(), title: z.string() })).nullable(),
});
export type TrainingSummaryOut = z.infer<typeof TrainingSummaryOut>;

// --- offline completion (002 L76-78) ----------------------------------------------------------------------

/** Evidence files: a scan or photo of the signed confirmation, or a PDF. */
export const EVIDENCE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const OfflineCompletionBody = z
  .strictObject({
    personId: Id,
    method: z.enum(OFFLINE_METHODS),
    /** The day the copy was read and confirmed; counts toward that day's fiscal year. Not in the future. */
    completedOn: day,
    note: text(2000).default(''),
    file: z
      .strictObject({
        name: text(200).min(1),
        type: z.enum(EVIDENCE_TYPES),
        /** The file's bytes, base64. */
        base64: z
          .string()
          .max(14_000_000)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/),
      })
      .optional(),
  })
  .superRefine((b, c) => {
    if (!b.note && !b.file) {
      c.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'evidence is required: a note and/or a file',
      });
    }
  });
export type OfflineCompletionBody = z.infer<typeof OfflineCompletionBody>;
export const OfflineCompletionOut = z.object({
  assignmentId: z.string(),
  personId: z.string(),
  fiscalYear: z.number().int(),
  completedOn: z.string(),
  method: z.enum(OFFLINE_METHODS),
  note: z.string(),
  hasFile: z.boolean(),
});
export type OfflineCompletionOut = z.infer<typeof OfflineCompletionOut>;

// --- post-course survey (003 L401-403) -------------------------------------------------------------------

export const SurveyQuestionOut = z.object({ id: z.string(), kind: z.enum(SURVEY_KINDS), text: z.string() });
export const SurveyOut = z.object({ courseId: z.string(), questions: z.array(SurveyQuestionOut) });
export type SurveyOut = z.infer<typeof SurveyOut>;
export const SurveyBody = z.strictObject({
  questions: z
    .array(z.strictObject({ kind: z.enum(SURVEY_KINDS), text: text(1000).min(1) }))
    .min(1)
    .max(30),
});
export type SurveyBody = z.infer<typeof SurveyBody>;
export const SurveyAnswerBody = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        questionId: str().min(1).max(20),
        value: z.union([z.number().int().min(1).max(5), text(2000)]),
      }),
    )
    .max(30),
});
export type SurveyAnswerBody = z.infer<typeof SurveyAnswerBody>;
export const SurveyResultsQuery = z.strictObject({ fiscalYear: FiscalYear.optional() });
export const SurveyResultsOut = z.object({
  courseId: z.string(),
  fiscalYear: z.number().int(),
  responses: z.number().int(),
  /** Fewer answers than the agency's minimum group size: only counts are shown. */
  small: z.boolean(),
  minGroupSize: z.number().int(),
  questions: z.array(
    SurveyQuestionOut.extend({
      answered: z.number().int(),
      mean: z.number().nullable(),
      distribution: z.array(z.number().int()).nullable(),
      texts: z.array(z.string()).nullable(),
    }),
  ),
});
export type SurveyResultsOut = z.infer<typeof SurveyResultsOut>;
