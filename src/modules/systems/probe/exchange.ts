import net from 'node:net';
import { readServerAnswer, type ServerAnswer } from './wire.js';

// One probe connection: open, send a hand-built hello, read the server's first answer, close. Every
// socket is destroyed on every path; a connection that cannot be opened is an UnreachableError, a
// server that closes or says nothing counts as "not accepted".

export class UnreachableError extends Error {
  constructor(
    readonly target: string,
    reason: string,
  ) {
    super(`${target}: ${reason}`);
  }
}

/** Opens a socket ready for the ClientHello (plain TCP, or after SMTP STARTTLS). */
export type Opener = (timeoutMs: number) => Promise<net.Socket>;

export function tcpOpener(host: string, port: number): Opener {
  return (timeoutMs) =>
    new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new UnreachableError(`${host}:${port}`, `connect timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(socket);
      });
      socket.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new UnreachableError(`${host}:${port}`, err.code ?? err.message));
      });
    });
}

/** A bounded number of tasks at once (the probe's sockets, across all targets). */
export function limiter(max: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active >= max) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
export type Limit = ReturnType<typeof limiter>;

/** Sends the hello and returns the server's first answer ('other' on silence, close or timeout). */
export async function exchange(open: Opener, hello: Buffer, timeoutMs: number): Promise<ServerAnswer> {
  const socket = await open(timeoutMs);
  return new Promise<ServerAnswer>((resolve) => {
    let data = Buffer.alloc(0);
    let done = false;
    const finish = (answer: ServerAnswer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.removeAllListeners('data');
      socket.on('error', () => {});
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => finish({ kind: 'other' }), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const answer = readServerAnswer(data);
      if (answer.kind !== 'incomplete') finish(answer);
    });
    socket.once('end', () => finish({ kind: 'other' }));
    socket.once('close', () => finish({ kind: 'other' }));
    socket.once('error', () => finish({ kind: 'other' }));
    socket.write(hello);
  });
}
