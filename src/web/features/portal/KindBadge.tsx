import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Kind, TOPIC_COLORS, type Topic } from './api.js';

/** A notice shows its topic (不審メール / 脆弱性 / お知らせ); other items their kind. */
export function KindBadge({ kind, topic }: { kind: Kind; topic: Topic | null }) {
  const { t } = useTranslation('portal');
  if (kind === 'notice') {
    const tp = topic ?? 'notice';
    return (
      <Badge color={TOPIC_COLORS[tp]} variant="light">
        {t(`topic.${tp}`)}
      </Badge>
    );
  }
  return (
    <Badge color="gray" variant="light">
      {t(`kind.${kind}`)}
    </Badge>
  );
}
