import { Button, Checkbox, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { downloadPost, useChecklists } from './api.js';

/** The specification-clause generator (000 L1374-1406, 001 L14860-14930): tick, copy or download. */
export default function SpecPage() {
  const { t, i18n } = useTranslation('vendors');
  const lists = useChecklists();
  const [items, setItems] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (lists.isPending) return <LoadingState />;
  if (!lists.data) return <ProblemAlert error={lists.error} />;
  const en = i18n.language === 'en';
  const show = async () => {
    setError(null);
    try {
      setText((await api<{ text: string }>('/vendors/spec/text', { method: 'POST', body: { items } })).text);
    } catch (e) {
      setError(e);
    }
  };
  const download = async () => {
    setError(null);
    try {
      await downloadPost('/vendors/spec/docx', { items }, '情報セキュリティに関する事項.docx');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <PageHeader title={t('spec.title')} description={t('spec.description')} />
      <Stack>
        <Checkbox.Group value={items} onChange={setItems}>
          <Stack gap="xs">
            {lists.data.spec.map((i) => (
              <Checkbox
                key={i.key}
                value={i.key}
                label={`${i.section}：${en ? i.en : i.ja}`}
                description={i.source}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group>
          <Button onClick={show} disabled={!items.length}>
            {t('spec.show')}
          </Button>
          <Button variant="default" onClick={download} disabled={!items.length}>
            {t('spec.docx')}
          </Button>
        </Group>
        <ProblemAlert error={error} />
        {text && (
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {t('spec.japaneseNote')}
            </Text>
            <Code block data-testid="spec-text">
              {text}
            </Code>
            <CopyButton value={text}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy}>
                  {copied ? t('spec.copied') : t('spec.copy')}
                </Button>
              )}
            </CopyButton>
          </Stack>
        )}
      </Stack>
    </>
  );
}
