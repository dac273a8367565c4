import { FileInput } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';

/** The file field of a two-step import dialog: choosing another file forgets the last check. */
export function ImportFileInput(props: {
  label: string;
  description?: string;
  accept: string;
  /** From useDryRunImport. */
  state: { file: File | null; setFile(f: File | null): void; reset(): void };
}) {
  return (
    <FileInput
      label={props.label}
      description={props.description}
      accept={props.accept}
      value={props.state.file}
      onChange={(f) => {
        props.state.setFile(f);
        props.state.reset();
      }}
      leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
      clearable
    />
  );
}
