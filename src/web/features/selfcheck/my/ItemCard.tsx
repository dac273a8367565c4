import { Badge, Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerOption, Questionnaire } from '../../../app/types.js';
import { localTitle } from '../format.js';
import classes from './questionnaire.module.css';

export type QuestionItem = Questionnaire['chapters'][number]['items'][number];

interface Props {
  item: QuestionItem;
  /** Position in the questionnaire, for the element id (item ids contain brackets and dots). */
  index: number;
  options: AnswerOption[];
  answer: string | null;
  editable: boolean;
  /** Unanswered when the person tried to submit. */
  missing: boolean;
  flash: boolean;
  onAnswer(itemId: string, key: string): void;
}

export const itemElementId = (index: number) => `sc-item-${index}`;

/**
 * One item: its number and title, the requirement, guidance on demand, and the options as native radio
 * buttons (one tab stop per item, arrow keys move between options, each label a large touch target).
 * Memoised: answering one item re-renders only that item.
 */
export const ItemCard = memo(function ItemCard({
  item,
  index,
  options,
  answer,
  editable,
  missing,
  flash,
  onAnswer,
}: Props) {
  const { t, i18n } = useTranslation('selfcheck');
  const [guidanceOpen, setGuidanceOpen] = useState(false);
  const lang = i18n.language;
  const id = itemElementId(index);
  const titleId = `${id}-title`;
  const guidanceId = `${id}-guidance`;
  const optionLabel = (o: AnswerOption) => (lang === 'en' ? o.labelEn : o.labelJa);
  const chosen = options.find((o) => o.key === answer);
  return (
    <article
      id={id}
      className={classes.item}
      data-missing={missing}
      data-flash={flash}
      aria-labelledby={titleId}
      data-testid="sc-item"
    >
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Code fz="sm" style={{ flex: 'none' }}>
            {item.itemId}
          </Code>
          <Text fw={700} id={titleId} style={{ flex: 1 }}>
            {localTitle(item, lang)}
          </Text>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {item.text}
        </Text>
        {item.guidance && (
          <div>
            <Button
              variant="subtle"
              size="compact-sm"
              px={4}
              onClick={() => setGuidanceOpen((o) => !o)}
              aria-expanded={guidanceOpen}
              aria-controls={guidanceId}
              rightSection={
                guidanceOpen ? (
                  <IconChevronUp size={14} aria-hidden />
                ) : (
                  <IconChevronDown size={14} aria-hidden />
                )
              }
            >
              {guidanceOpen ? t('answer.hideGuidance') : t('answer.showGuidance')}
            </Button>
            {guidanceOpen && (
              <Text size="sm" c="dimmed" id={guidanceId} className={classes.guidance} mt={4}>
                {item.guidance}
              </Text>
            )}
          </div>
        )}
        {editable ? (
          <div
            className={classes.options}
            role="radiogroup"
            aria-labelledby={titleId}
            aria-required="true"
            aria-invalid={missing || undefined}
          >
            {options.map((o) => (
              <label key={o.key} className={classes.option}>
                <input
                  type="radio"
                  name={`answer-${index}`}
                  value={o.key}
                  checked={answer === o.key}
                  onChange={() => onAnswer(item.itemId, o.key)}
                />
                <span>{optionLabel(o)}</span>
              </label>
            ))}
          </div>
        ) : (
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('answer.yourAnswer')}
            </Text>
            {chosen ? (
              <Badge size="lg" color="blue">
                {optionLabel(chosen)}
              </Badge>
            ) : (
              <Badge size="lg" color="gray">
                {t('answer.unanswered')}
              </Badge>
            )}
          </Group>
        )}
        {missing && (
          <Text size="sm" c="red.8" fw={600}>
            {t('answer.missing')}
          </Text>
        )}
      </Stack>
    </article>
  );
});
