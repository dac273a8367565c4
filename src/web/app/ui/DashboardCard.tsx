import { Card, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The frame every home-page card uses: a titled card whose title names its region. */
export function DashboardCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const headingId = `card-${id}`;
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={headingId} h="100%">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id={headingId}>
          {title}
        </Title>
      </Group>
      {children}
    </Card>
  );
}
