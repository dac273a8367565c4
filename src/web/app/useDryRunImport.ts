import { useState } from 'react';
import { ApiError } from './api.js';

/**
 * The two-step import every import dialog uses: a dry run shows what would change (or every error, and
 * then nothing is stored), then the import itself. `send(file, dryRun)` calls the feature's API.
 */
export function useDryRunImport<R>(
  send: (file: File, dryRun: boolean) => Promise<R>,
  onImported: () => Promise<unknown>,
) {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<R | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const reset = () => {
    setResult(null);
    setError(null);
  };
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    reset();
    try {
      setResult(await send(file, dryRun));
      if (!dryRun) await onImported();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const clear = () => {
    setFile(null);
    reset();
  };
  /** The 422 with the file's row-level errors, when that is what the server answered. */
  const invalid = error instanceof ApiError && error.code === 'import_invalid' ? error : null;
  return { file, setFile, result, error, invalid, busy, reset, run, clear };
}
