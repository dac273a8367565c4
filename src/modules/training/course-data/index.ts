import type { CourseContentBody, CreateCourseBody } from '../validation.js';
import { basicCourse } from './basic.js';
import { divisionOfficerCourse } from './division-officer.js';
import { targetedMailCourse } from './targeted-mail.js';

/** A course Mamoru ships (written in Mamoru's own words), installable into an agency. */
export type StarterCourse = CreateCourseBody &
  CourseContentBody & { key: 'basic' | 'division_officer' | 'targeted_mail' };

export const STARTER_COURSES: StarterCourse[] = [basicCourse, divisionOfficerCourse, targetedMailCourse];
