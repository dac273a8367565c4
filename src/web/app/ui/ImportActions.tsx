import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The buttons of a two-step import dialog: close, check (dry run), import (only after a clean check). */
export function ImportActions(props: {
  busy: boolean;
  file: File | null;
  /** The last answer: a dry run's allows the import. */
  result: { dryRun: boolean } | null;
  checkLabel: string;
  runLabel: string;
  onClose(): void;
  onRun(dryRun: boolean): void;
}) {
  const { t } = useTranslation('common');
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={props.onClose}>
        {t('actions.close')}
      </Button>
      <Button
        variant="light"
        onClick={() => props.onRun(true)}
        loading={props.busy && !props.result}
        disabled={!props.file}
      >
        {props.checkLabel}
      </Button>
      <Button
        onClick={() => props.onRun(false)}
        loading={props.busy}
        disabled={!props.file || !props.result?.dryRun}
      >
        {props.runLabel}
      </Button>
    </Group>
  );
}
