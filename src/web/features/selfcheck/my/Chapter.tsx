import { Badge, Stack } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerOption, Questionnaire } from '../../../app/types.js';
import { ItemCard } from './ItemCard.js';
import classes from './questionnaire.module.css';
import type { Answers } from './useAutosave.js';

type ChapterData = Questionnaire['chapters'][number];

interface Props {
  chapter: ChapterData;
  /** Index of the chapter's first item in the whole questionnaire. */
  offset: number;
  options: AnswerOption[];
  answers: Answers;
  editable: boolean;
  open: boolean;
  missing: ReadonlySet<string>;
  flash: string | null;
  onToggle(chapterNo: string): void;
  onAnswer(itemId: string, key: string): void;
}

/** A chapter of the questionnaire, collapsible, with how many of its items are answered. */
export const Chapter = memo(function Chapter(props: Props) {
  const { t, i18n } = useTranslation('selfcheck');
  const { chapter, answers } = props;
  const answered = chapter.items.filter((i) => answers[i.itemId] != null).length;
  const total = chapter.items.length;
  const title =
    i18n.language === 'en' && chapter.chapterTitleEn ? chapter.chapterTitleEn : chapter.chapterTitle;
  const panelId = `sc-chapter-${chapter.chapterNo}`;
  return (
    <section aria-label={t('answer.chapter', { no: chapter.chapterNo, title })}>
      <h2 style={{ margin: 0, fontSize: 'var(--mantine-font-size-md)' }}>
        <button
          type="button"
          className={classes.chapterToggle}
          aria-expanded={props.open}
          aria-controls={panelId}
          onClick={() => props.onToggle(chapter.chapterNo)}
        >
          <span style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
            {props.open ? (
              <IconChevronDown size={18} aria-hidden />
            ) : (
              <IconChevronRight size={18} aria-hidden />
            )}
            {t('answer.chapter', { no: chapter.chapterNo, title })}
          </span>
          <Badge color={answered === total ? 'green' : 'gray'} style={{ flex: 'none' }}>
            {t('answer.chapterCount', { answered, total })}
          </Badge>
        </button>
      </h2>
      {props.open && (
        <Stack gap="sm" mt="sm" id={panelId}>
          {chapter.items.map((item, i) => (
            <ItemCard
              key={item.itemId}
              item={item}
              index={props.offset + i}
              options={props.options}
              answer={answers[item.itemId] ?? null}
              editable={props.editable}
              missing={props.missing.has(item.itemId) && answers[item.itemId] == null}
              flash={props.flash === item.itemId}
              onAnswer={props.onAnswer}
            />
          ))}
        </Stack>
      )}
    </section>
  );
});
