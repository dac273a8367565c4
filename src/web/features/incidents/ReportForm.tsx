import { Alert, Button, FileInput, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { fileToAttachment, type ReportInput } from './api.js';

/** The reporting form, shared by the public page and the signed-in page. */
export function ReportForm({
  send,
  done,
}: {
  send(body: ReportInput): Promise<unknown>;
  done(result: unknown): void;
}) {
  const { t } = useTranslation('incidents');
  const [what, setWhat] = useState('');
  const [when, setWhen] = useState('');
  const [where, setWhere] = useState('');
  const [contact, setContact] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const submit = useMutation({
    mutationFn: async () =>
      send({ what, when, where, contact, attachments: await Promise.all(files.map(fileToAttachment)) }),
    onSuccess: done,
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit.mutate();
      }}
    >
      <Stack>
        <Alert color="blue">{t('report.help')}</Alert>
        <Textarea
          label={t('report.what')}
          required
          minRows={4}
          maxLength={5000}
          value={what}
          onChange={(e) => setWhat(e.currentTarget.value)}
        />
        <TextInput
          label={t('report.when')}
          maxLength={200}
          value={when}
          onChange={(e) => setWhen(e.currentTarget.value)}
        />
        <TextInput
          label={t('report.where')}
          maxLength={500}
          value={where}
          onChange={(e) => setWhere(e.currentTarget.value)}
        />
        <TextInput
          label={t('report.contact')}
          maxLength={500}
          value={contact}
          onChange={(e) => setContact(e.currentTarget.value)}
        />
        <FileInput
          label={t('report.attachments')}
          description={t('report.attachmentsHelp')}
          multiple
          clearable
          accept="image/png,image/jpeg,application/pdf,text/plain"
          value={files}
          onChange={(f) => setFiles(f.slice(0, 3))}
        />
        <ProblemAlert error={submit.error} />
        <Button type="submit" loading={submit.isPending} disabled={!what.trim()}>
          {t('report.submit')}
        </Button>
      </Stack>
    </form>
  );
}
