import { describe, expect, it } from 'vitest';
import { bodyOf, emptyForm, isoToJstLocal, jstLocalToIso, nextSurveyId } from './form-model.js';

describe('Japan-time date inputs', () => {
  it('reads a datetime-local value as Japan time', () => {
    expect(jstLocalToIso('2026-11-24T09:00')).toBe('2026-11-24T09:00:00+09:00');
    expect(jstLocalToIso('')).toBeNull();
  });
  it('shows a timestamp in Japan time', () => {
    expect(isoToJstLocal('2026-11-24T00:00:00.000Z')).toBe('2026-11-24T09:00');
    expect(isoToJstLocal('2026-11-23T20:30:00Z')).toBe('2026-11-24T05:30');
    expect(isoToJstLocal(null)).toBe('');
  });
  it('round-trips', () => {
    expect(isoToJstLocal(jstLocalToIso('2027-03-31T23:45'))).toBe('2027-03-31T23:45');
  });
});

describe('bodyOf', () => {
  it('clears exchange and attachment fields when not used', () => {
    const f = { ...emptyForm(), benignBody: 'x', benignSubject: 'y', attachmentName: 'a.html' };
    const b = bodyOf(f);
    expect([b.benignBody, b.benignSubject, b.attachmentName]).toEqual([null, null, null]);
  });
  it('keeps them for an exchange drill with an attachment', () => {
    const f = {
      ...emptyForm(),
      variant: 'exchange' as const,
      lureKind: 'attachment' as const,
      benignBody: 'x',
      attachmentName: 'a.html',
    };
    const b = bodyOf(f);
    expect([b.benignBody, b.attachmentName]).toEqual(['x', 'a.html']);
  });
  it('drops empty survey questions and options', () => {
    const f = {
      ...emptyForm(),
      survey: [
        { id: 'q1', text: ' ', options: [] },
        { id: 'q2', text: '問', options: ['a', ' '] },
      ],
    };
    expect(bodyOf(f).survey).toEqual([{ id: 'q2', text: '問', options: ['a'] }]);
  });
});

describe('nextSurveyId', () => {
  it('skips ids in use', () => {
    expect(nextSurveyId([])).toBe('q1');
    expect(nextSurveyId([{ id: 'q2' }])).toBe('q3');
    expect(nextSurveyId([{ id: 'q1' }, { id: 'q3' }])).toBe('q4');
  });
});
