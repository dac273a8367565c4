import { Badge, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type AlertKind, KIND_COLORS, type Product } from './api.js';
import { productLabel } from './products.js';

export function KindBadge({ kind }: { kind: AlertKind }) {
  const { t } = useTranslation('alerts');
  return (
    <Badge color={KIND_COLORS[kind]} variant="light">
      {t(`kind.${kind}`)}
    </Badge>
  );
}

/** The alert's text as written: line breaks kept, never read as HTML (React escapes it). */
export function AlertText({ body }: { body: string }) {
  return (
    <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="alert-body">
      {body}
    </Text>
  );
}

export function ProductList({ products }: { products: Product[] }) {
  const { t } = useTranslation('alerts');
  if (products.length === 0) return null;
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {t('field.products')}
      </Text>
      {products.map((p) => (
        <Text key={`${p.vendor}/${p.product}/${p.cpe}/${JSON.stringify(p.ranges)}`} size="sm" ff="monospace">
          {productLabel(p)}
        </Text>
      ))}
    </Stack>
  );
}
