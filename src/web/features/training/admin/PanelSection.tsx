import { Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled panel of the course editor, labelled for screen readers by its heading. */
export function PanelSection({
  id,
  title,
  help,
  children,
}: {
  id: string;
  title: string;
  help: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h5" id={id} mb={4}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {help}
      </Text>
      {children}
    </Paper>
  );
}
