import { Anchor, Blockquote, Box, Code, Image, List, Table, Text, Title } from '@mantine/core';
import ReactMarkdown, { type Components } from 'react-markdown';

// Course pages are Markdown (shown under a level-2 page title, so # becomes a level-3 heading) written by the security office. Raw HTML is never rendered (skipHtml), and
// react-markdown's default URL filter drops javascript: and other unsafe links.
const components: Components = {
  h1: ({ children }) => (
    <Title order={3} size="h4" mt="md" mb="xs">
      {children}
    </Title>
  ),
  h2: ({ children }) => (
    <Title order={4} size="h5" mt="md" mb="xs">
      {children}
    </Title>
  ),
  h3: ({ children }) => (
    <Title order={5} size="h6" mt="sm" mb="xs">
      {children}
    </Title>
  ),
  p: ({ children }) => <Text mb="sm">{children}</Text>,
  a: ({ href, children }) => (
    <Anchor href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </Anchor>
  ),
  img: ({ src, alt }) => (
    <Image src={typeof src === 'string' ? src : undefined} alt={alt ?? ''} maw="100%" radius="sm" my="sm" />
  ),
  ul: ({ children }) => (
    <List mb="sm" withPadding>
      {children}
    </List>
  ),
  ol: ({ children }) => (
    <List type="ordered" mb="sm" withPadding>
      {children}
    </List>
  ),
  li: ({ children }) => <List.Item>{children}</List.Item>,
  blockquote: ({ children }) => <Blockquote my="sm">{children}</Blockquote>,
  code: ({ children }) => <Code>{children}</Code>,
  table: ({ children }) => (
    <Table.ScrollContainer minWidth={400}>
      <Table withTableBorder>{children}</Table>
    </Table.ScrollContainer>
  ),
};

/** A course page or landing text: Markdown without raw HTML, with Mantine's look. */
export function Markdown({ children }: { children: string }) {
  return (
    <Box style={{ overflowWrap: 'anywhere' }}>
      <ReactMarkdown skipHtml components={components}>
        {children}
      </ReactMarkdown>
    </Box>
  );
}
