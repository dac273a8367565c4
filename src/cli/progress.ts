// A small progress line for long CLI commands (demo, import, report, bench). No library: the one in
// node_modules (`progress`) is only a transitive dependency, unmaintained since 2019.

export interface Progress {
  /** Starts the next step: `[n/steps] label`. */
  step(label: string): void;
  /** Rows done inside the current step. */
  tick(done: number, of: number): void;
  /** Ends the line with a closing message. */
  end(message?: string): void;
}

interface Out {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const WIDTH = 20;

/**
 * On a terminal, one line on stderr redrawn in place (a bar of steps done, the step's rows, the time
 * so far; redrawn every second while a step is silent). Anywhere else (a log, CI, a pipe), one plain
 * line per step and none per tick, so logs stay readable.
 */
export function progressLine(
  title: string,
  steps: number,
  out: Out = process.stderr,
  now: () => number = () => performance.now(),
): Progress {
  const started = now();
  const tty = Boolean(out.isTTY);
  let n = 0;
  let label = '';
  let rows = '';
  let lastDraw = 0;
  const seconds = () => `${((now() - started) / 1000).toFixed(0)} s`;
  const draw = () => {
    lastDraw = now();
    const filled = Math.round((WIDTH * Math.max(0, n - 1)) / Math.max(1, steps));
    const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
    const line = `${title} ${bar} ${n}/${steps} ${label}${rows ? ` ${rows}` : ''} ${seconds()}`;
    const max = (out.columns ?? 100) - 1;
    out.write(`\r\x1b[2K${line.length > max ? line.slice(0, max) : line}`);
  };
  const timer = tty ? setInterval(draw, 1000) : null;
  timer?.unref();
  return {
    step(next) {
      n = Math.min(steps, n + 1);
      label = next;
      rows = '';
      if (tty) draw();
      else out.write(`${title} [${n}/${steps}] ${label}\n`);
    },
    tick(done, of) {
      rows = `${fmt(done)}/${fmt(of)}`;
      if (tty && (now() - lastDraw >= 100 || done === of)) draw();
    },
    end(message = 'done') {
      if (timer) clearInterval(timer);
      if (tty) out.write('\r\x1b[2K');
      out.write(`${title}: ${message} (${seconds()})\n`);
    },
  };
}
