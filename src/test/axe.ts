import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, Result } from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * Accessibility checks in browser tests: axe-core injected into the page and run over the whole document
 * against WCAG 2.1 A/AA and axe's best practices.
 */
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | null = null;
const RULE_SETS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

export type AxeViolation = Result;

/**
 * The violations axe finds on the page as it is now. The script is evaluated through the DevTools protocol
 * once per document: the app's Content-Security-Policy (script-src 'self') rightly refuses a script tag.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    axeSource ??= readFileSync(AXE_PATH, 'utf8');
    await page.evaluate(axeSource);
  }
  const results = await page.evaluate(
    (runOnly) =>
      (window as unknown as { axe: { run(ctx: Document, o: object): Promise<AxeResults> } }).axe.run(
        document,
        { runOnly, resultTypes: ['violations'] },
      ),
    RULE_SETS,
  );
  return results.violations;
}

const BLOCKING: readonly ImpactValue[] = ['serious', 'critical'];

/** Violations a person would be stopped by (impact serious or critical). */
export function blocking(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact != null && BLOCKING.includes(v.impact));
}

/** One line per violation and per element: rule, impact, CSS target, help URL, and axe's own summary. */
export function formatViolations(violations: AxeViolation[]): string {
  if (violations.length === 0) return '(none)';
  return violations
    .flatMap((v) => [
      `${v.id} [${v.impact ?? 'n/a'}] ${v.help} — ${v.helpUrl}`,
      ...v.nodes.map(
        (n) => `    ${n.target.join(' ')}${n.failureSummary ? `: ${oneLine(n.failureSummary)}` : ''}`,
      ),
    ])
    .join('\n');
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').slice(0, 240);
