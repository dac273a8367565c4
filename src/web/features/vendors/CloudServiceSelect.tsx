import { Select, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { VK } from './api.js';

interface Choice {
  id: string;
  name: string;
  provider: string;
  allowedUses: string;
  conditions: string;
  maxConfidentiality: number;
  responsibleNamed: boolean;
}

/** The allowed terms-of-service cloud services, for a handling request (its responsible person decides). */
export function CloudServiceSelect(props: {
  value: string | null;
  onChange(id: string | null): void;
  error?: string;
}) {
  const { t } = useTranslation('vendors');
  const choices = useQuery({
    queryKey: [VK, 'choices'],
    queryFn: () => api<{ items: Choice[] }>('/vendors/cloud-services/choices'),
  });
  const chosen = choices.data?.items.find((c) => c.id === props.value);
  return (
    <div>
      <Select
        label={t('cloud.choose')}
        description={t('cloud.chooseHelp')}
        required
        searchable
        data={(choices.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.provider}）` }))}
        value={props.value}
        onChange={props.onChange}
        error={props.error}
        nothingFoundMessage={t('cloud.empty')}
      />
      {chosen && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('cloud.maxLevel', { level: chosen.maxConfidentiality })}
          {[chosen.allowedUses, chosen.conditions].filter(Boolean).map((x) => ` ／ ${x}`)}
        </Text>
      )}
    </div>
  );
}
