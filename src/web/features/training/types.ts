// API shapes, inferred from the training module's zod schemas (type-only: nothing from the server is bundled).
import type { z } from 'zod';
import type {
  AssignResultOut,
  AttemptHistoryOut,
  AttemptResultOut,
  AttemptStartOut,
  AttendanceImportOut,
  AttendanceResultOut,
  CompletionOut,
  CourseContentOut,
  CourseDetailOut,
  CourseOut,
  CreateRuleBody,
  ImageOut,
  JobQueuedOut,
  MyAssignmentOut,
  MyTrainingOut,
  OfflineCompletionOut,
  PersonStatusOut,
  QuarterlyOut,
  QuestionBody,
  RuleOut,
  ServedQuestionOut,
  SessionDetailOut,
  SessionOut,
  StarterInstallOut,
  SurveyOut,
  SurveyResultsOut,
  TrainingSummaryOut,
} from '../../../modules/training/validation.js';

export type MyAssignment = z.infer<typeof MyAssignmentOut>;
export type MyTraining = z.infer<typeof MyTrainingOut>;
export type AssignmentStatus = MyAssignment['status'];
export type CourseContent = z.infer<typeof CourseContentOut>;
export type CourseBrief = CourseContent['course'];
export type CoursePage = CourseContent['pages'][number];
export type ServedQuestion = z.infer<typeof ServedQuestionOut>;
export type AttemptOpen = z.infer<typeof AttemptStartOut>;
export type AttemptResult = z.infer<typeof AttemptResultOut>;
export type AttemptSummary = z.infer<typeof AttemptHistoryOut>['items'][number];
export type Course = z.infer<typeof CourseOut>;
export type CourseDetail = z.infer<typeof CourseDetailOut>;
export type QuestionIn = z.input<typeof QuestionBody>;
export type Image = z.infer<typeof ImageOut>;
export type StarterInstall = z.infer<typeof StarterInstallOut>;
export type Rule = z.infer<typeof RuleOut>;
export type RuleIn = z.input<typeof CreateRuleBody>;
export type AssignResult = z.infer<typeof AssignResultOut>;
export type JobQueued = z.infer<typeof JobQueuedOut>;
export type Session = z.infer<typeof SessionOut>;
export type SessionDetail = z.infer<typeof SessionDetailOut>;
export type AttendanceResult = z.infer<typeof AttendanceResultOut>;
export type AttendanceImport = z.infer<typeof AttendanceImportOut>;
export type Completion = z.infer<typeof CompletionOut>;
export type Quarterly = z.infer<typeof QuarterlyOut>;
export type PersonStatus = z.infer<typeof PersonStatusOut>;
export type TrainingSummary = z.infer<typeof TrainingSummaryOut>;
export type OfflineCompletion = z.infer<typeof OfflineCompletionOut>;
export type Survey = z.infer<typeof SurveyOut>;
export type SurveyResults = z.infer<typeof SurveyResultsOut>;
