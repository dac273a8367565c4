import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "x–y of N" and page buttons; hidden controls when everything fits on one page. */
export function Pager(props: {
  total: number;
  page: number;
  pageSize: number;
  onChange(page: number): void;
}) {
  const { t } = useTranslation();
  const { total, page, pageSize } = props;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" wrap="wrap" gap="xs">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('pager.summary', { total: total.toLocaleString(), from, to })}
      </Text>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={page}
          onChange={props.onChange}
          size="sm"
          siblings={1}
          aria-label={t('pager.label')}
          getControlProps={(control) => ({
            'aria-label': t(`pager.${control}`),
          })}
          getItemProps={(p) => ({ 'aria-label': t('pager.page', { page: p }) })}
        />
      )}
    </Group>
  );
}
