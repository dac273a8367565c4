// Pure rules of the information-system ledger.

/** Normalise a vendor or product name for matching: NFKC, lower case, spaces and hyphens as underscores. */
export function componentKey(name: string): string {
  return name
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}
