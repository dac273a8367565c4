import { Button, MultiSelect, Paper, Stack, Table, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { formatDateTime } from '../../app/format.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { INC } from './api.js';

interface DrillRow {
  id: string;
  title: string;
  sentAt: string;
  links: number;
  acknowledged: number;
}
interface DrillDetail {
  id: string;
  title: string;
  links: {
    position: number;
    person: { id: string; name: string };
    acknowledgedAt: string | null;
    seconds: number | null;
  }[];
}

/** Contact drills (002 L785-791): send a test alert down the chain; see each link's acknowledgement time. */
export default function ContactDrillsPage() {
  const { t, i18n } = useTranslation('incidents');
  const qc = useQueryClient();
  const drills = useQuery({
    queryKey: [INC, 'contact'],
    queryFn: () => api<{ items: DrillRow[] }>('/incidents/contact-drills'),
  });
  const [open, setOpen] = useState<string | null>(null);
  const detail = useQuery({
    queryKey: [INC, 'contact', open],
    queryFn: () => api<DrillDetail>(`/incidents/contact-drills/${open}`),
    enabled: open !== null,
  });
  const [search, setSearch] = useState('');
  const people = useQuery({
    queryKey: ['people', 'search', search],
    queryFn: () =>
      api<{ items: { id: string; name: string }[] }>('/people', { query: { q: search, pageSize: 50 } }),
  });
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState('');
  const [chain, setChain] = useState<string[]>([]);
  const [names, setNames] = useState<Record<string, string>>({});
  const start = useMutation({
    mutationFn: () =>
      api<DrillDetail>('/incidents/contact-drills', {
        method: 'POST',
        body: { title, message, personIds: chain },
      }),
    onSuccess: (d) => {
      void qc.invalidateQueries({ queryKey: [INC, 'contact'] });
      setOpen(d.id);
      setTitle('');
      setMessage('');
      setChain([]);
    },
  });
  const options = [
    ...chain.map((id) => ({ value: id, label: names[id] ?? id })),
    ...(people.data?.items ?? [])
      .filter((p) => !chain.includes(p.id))
      .map((p) => ({ value: p.id, label: p.name })),
  ];
  return (
    <Stack>
      <PageHeader title={t('contact.title')} description={t('contact.help')} />
      <Paper withBorder p="md">
        <Stack>
          <TextInput
            label={t('contact.drillTitle')}
            required
            maxLength={200}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Textarea
            label={t('contact.message')}
            required
            maxLength={2000}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
          />
          <MultiSelect
            label={t('contact.chain')}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            data={options}
            value={chain}
            onChange={(ids) => {
              const known = { ...names };
              for (const p of people.data?.items ?? []) known[p.id] = p.name;
              setNames(known);
              setChain(ids);
            }}
          />
          <ProblemAlert error={start.error} />
          <Button
            onClick={() => start.mutate()}
            loading={start.isPending}
            disabled={!title.trim() || !message.trim() || chain.length === 0}
          >
            {t('contact.send')}
          </Button>
        </Stack>
      </Paper>
      {drills.isPending ? (
        <LoadingState />
      ) : drills.error ? (
        <ProblemAlert error={drills.error} />
      ) : (
        <Table>
          <Table.Tbody>
            {drills.data.items.map((d) => (
              <Table.Tr key={d.id} onClick={() => setOpen(d.id)} style={{ cursor: 'pointer' }}>
                <Table.Td>{formatDateTime(d.sentAt, i18n.language)}</Table.Td>
                <Table.Td>{d.title}</Table.Td>
                <Table.Td>
                  {d.acknowledged} / {d.links}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {detail.data && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {detail.data.title}
          </Title>
          <Table>
            <Table.Tbody>
              {detail.data.links.map((l) => (
                <Table.Tr key={l.person.id}>
                  <Table.Td>{l.position + 1}</Table.Td>
                  <Table.Td>{l.person.name}</Table.Td>
                  <Table.Td>
                    {l.acknowledgedAt
                      ? formatDateTime(l.acknowledgedAt, i18n.language)
                      : t('contact.waiting')}
                  </Table.Td>
                  <Table.Td>{l.seconds === null ? '' : t('contact.seconds', { n: l.seconds })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
