import { type CSSVariablesResolver, createTheme, type MantineThemeOverride } from '@mantine/core';
import type { TFunction } from 'i18next';

const jaFonts =
  '"Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Noto Sans CJK JP", "Yu Gothic UI", Meiryo, system-ui, sans-serif';

/**
 * The Mantine theme. Contrast: primary shade 8 and darker secondary text keep text at WCAG AA (≥ 4.5:1)
 * on white. Built per language so Mantine's own buttons (close, clear, show password) are named in it.
 */
export function buildTheme(t: TFunction<'common'>): MantineThemeOverride {
  const close = { 'aria-label': t('actions.close') };
  return createTheme({
    primaryColor: 'blue',
    primaryShade: 8,
    fontFamily: jaFonts,
    headings: { fontFamily: jaFonts, fontWeight: '700' },
    focusRing: 'auto',
    defaultRadius: 'sm',
    cursorType: 'pointer',
    components: {
      Badge: { defaultProps: { variant: 'light', tt: 'none' } },
      Modal: { defaultProps: { closeButtonProps: close } },
      Drawer: { defaultProps: { closeButtonProps: close } },
      Select: { defaultProps: { clearButtonProps: { 'aria-label': t('actions.clear') } } },
      PasswordInput: {
        defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('actions.showPassword') } },
      },
    },
  });
}

export const cssVariablesResolver: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': theme.colors.gray[7],
    '--mantine-color-placeholder': theme.colors.gray[6],
    // Links stay at AA also on the tinted background of a light alert (shade 8 is 4.4:1 on green's).
    '--mantine-color-anchor': theme.colors.blue[9],
    // Text in a colour (c="green"): shade 8 of green and orange is under 4.5:1 on white.
    '--mantine-color-green-text': '#1e6b30',
    '--mantine-color-orange-text': '#a8380b',
    // Text on light badges and alerts: Mantine's shade 9 of these colours is under 4.5:1 on their tint.
    '--mantine-color-green-light-color': '#1e6b30',
    '--mantine-color-yellow-light-color': '#7a4f00',
    '--mantine-color-orange-light-color': '#a8380b',
    '--mantine-color-red-light-color': '#b02525',
    // White text on filled alerts, badges and buttons: shade 8 of these colours is under 4.5:1.
    '--mantine-color-cyan-filled': theme.colors.cyan[9],
    '--mantine-color-teal-filled': theme.colors.teal[9],
    '--mantine-color-green-filled': '#237a35',
    '--mantine-color-green-filled-hover': '#1e6b30',
    '--mantine-color-lime-filled': '#4a7a0a',
    '--mantine-color-yellow-filled': '#8a5a00',
    '--mantine-color-yellow-filled-hover': '#7a4f00',
    '--mantine-color-orange-filled': '#b8450b',
    '--mantine-color-orange-filled-hover': '#a8380b',
  },
  dark: {},
});
