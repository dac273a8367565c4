import { useCallback, useEffect, useRef, useState } from 'react';
import type { QuestionnaireSummary } from '../../../app/types.js';
import { saveAnswers } from '../api.js';

export type Answers = Record<string, string | null>;
export type SaveStatus = 'idle' | 'dirty' | 'saving' | 'saved' | 'error';

const DEBOUNCE_MS = 700;

/**
 * The answers being edited, saved as a draft a moment after the last change: one PUT carrying only the
 * answers changed since the last save. Saves never overlap; a failed save keeps its answers for the next.
 */
export function useAutosave(
  memberId: string,
  initial: Answers,
  onSaved: (summary: QuestionnaireSummary) => void,
) {
  const [answers, setAnswers] = useState<Answers>(initial);
  const saved = useRef(onSaved);
  saved.current = onSaved;
  const [status, setStatus] = useState<SaveStatus>('idle');
  const [error, setError] = useState<unknown>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const dirty = useRef(new Map<string, string | null>());
  const lastSaved = useRef<Date | null>(null);
  const inFlight = useRef<Promise<unknown> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  /** Sends what changed (and submits when asked); resolves with the questionnaire's new summary. */
  const flush = useCallback(
    async (submit = false): Promise<QuestionnaireSummary | null> => {
      clearTimeout(timer.current);
      while (inFlight.current) await inFlight.current.catch(() => undefined);
      if (dirty.current.size === 0 && !submit) return null;
      const batch = Object.fromEntries(dirty.current);
      dirty.current.clear();
      setStatus('saving');
      setError(null);
      const request = saveAnswers(memberId, batch, submit);
      inFlight.current = request;
      try {
        const summary = await request;
        saved.current(summary);
        lastSaved.current = new Date();
        setSavedAt(lastSaved.current);
        setStatus(dirty.current.size > 0 ? 'dirty' : 'saved');
        return summary;
      } catch (err) {
        // Keep the answers for the next attempt unless the person changed them again meanwhile.
        for (const [k, v] of Object.entries(batch)) if (!dirty.current.has(k)) dirty.current.set(k, v);
        // A refused submission is the caller's to explain; the draft itself is not in error.
        if (submit) setStatus(dirty.current.size > 0 ? 'dirty' : lastSaved.current ? 'saved' : 'idle');
        else {
          setStatus('error');
          setError(err);
        }
        throw err;
      } finally {
        inFlight.current = null;
      }
    },
    [memberId],
  );

  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush().catch(() => undefined), DEBOUNCE_MS);
  }, [flush]);

  const setAnswer = useCallback(
    (itemId: string, key: string | null) => {
      setAnswers((a) => (a[itemId] === key ? a : { ...a, [itemId]: key }));
      dirty.current.set(itemId, key);
      setStatus('dirty');
      schedule();
    },
    [schedule],
  );

  // Unsaved answers: warn before the tab closes, and send them when the page is left inside the app.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty.current.size > 0 || inFlight.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      clearTimeout(timer.current);
      if (dirty.current.size > 0) void flush().catch(() => undefined);
    };
  }, [flush]);

  return { answers, setAnswer, flush, schedule, status, error, savedAt };
}
