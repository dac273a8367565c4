import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Course } from '../types.js';

const COLORS: Record<Course['status'], string> = { draft: 'gray', published: 'green', archived: 'dark' };

export function CourseStatusBadge({ status }: { status: Course['status'] }) {
  const { t } = useTranslation('training');
  return (
    <Badge color={COLORS[status]} data-testid="course-status">
      {t(`courseStatus.${status}`)}
    </Badge>
  );
}
