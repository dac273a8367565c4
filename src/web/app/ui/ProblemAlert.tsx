import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';

/** Shows what went wrong: the server's message (already in the UI language) and any field errors. */
export function ProblemAlert({
  error,
  title,
  withFields = true,
}: {
  error: unknown;
  title?: string;
  withFields?: boolean;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  let heading = title ?? t('state.error');
  let detail: string | undefined;
  let fields: { path: string; message: string }[] = [];
  if (error instanceof ApiError) {
    if (error.code === 'network') heading = t('state.network');
    else {
      heading = error.problem.title;
      detail = error.problem.detail;
      fields = withFields ? (error.problem.errors ?? []) : [];
    }
  }
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={heading} role="alert">
      {detail}
      {fields.length > 0 && (
        <List size="sm" mt={detail ? 'xs' : 0}>
          {fields.map((f) => (
            <List.Item key={`${f.path}:${f.message}`}>
              {f.path}: {f.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** The server's message for one field ("body.login" → its message), for an input's `error` prop. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.problem.errors?.find((e) => e.path === `body.${field}` || e.path === field)?.message;
}
