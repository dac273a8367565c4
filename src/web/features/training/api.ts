import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api.js';
import type { AttemptSummary, Course, CourseContent, CourseDetail, MyTraining } from './types.js';

/** Every training query starts with this key, so one invalidation refreshes the feature. */
export const TR = 'training';
export const keys = {
  my: [TR, 'my'] as const,
  content: (courseId: string) => [TR, 'content', courseId] as const,
  attempts: (courseId: string) => [TR, 'attempts', courseId] as const,
  courses: [TR, 'courses'] as const,
  course: (id: string) => [TR, 'course', id] as const,
};

/** A download link (the session cookie goes with a plain link; the server names the file). */
export function downloadHref(
  path: string,
  query?: Record<string, string | number | boolean | undefined>,
): string {
  return withQuery(`/api/v1/training${path}`, query);
}

export function useMyTraining() {
  return useQuery({
    queryKey: keys.my,
    queryFn: () => api<MyTraining>('/training/my'),
  });
}

export function useCourseContent(courseId: string) {
  return useQuery({
    queryKey: keys.content(courseId),
    queryFn: () => api<CourseContent>(`/training/courses/${courseId}/content`),
  });
}

export function useMyAttempts(courseId: string) {
  return useQuery({
    queryKey: keys.attempts(courseId),
    queryFn: async () =>
      (await api<{ items: AttemptSummary[] }>('/training/my/attempts', { query: { courseId } })).items,
    placeholderData: keepPreviousData,
  });
}

export function useCourses() {
  return useQuery({
    queryKey: keys.courses,
    queryFn: async () => (await api<{ items: Course[] }>('/training/courses')).items,
  });
}

export function useCourse(id: string) {
  return useQuery({
    queryKey: keys.course(id),
    queryFn: () => api<CourseDetail>(`/training/courses/${id}`),
    // The editor keeps its own copy while editing; do not refetch under it.
    staleTime: Number.POSITIVE_INFINITY,
  });
}
