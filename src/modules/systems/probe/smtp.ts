import type net from 'node:net';
import { type Opener, tcpOpener, UnreachableError } from './exchange.js';

// SMTP up to STARTTLS (RFC 3207): greeting, EHLO, and — for the TLS probe — STARTTLS, after which the
// raw socket carries our hand-built ClientHello.

const EHLO_NAME = 'mamoru-probe.invalid';

/** Reads one (possibly multi-line) SMTP reply: its code and the text lines. */
function readReply(socket: net.Socket, timeoutMs: number): Promise<{ code: number; lines: string[] }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const cleanup = () => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('error', onClose);
    };
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const lines = text.split('\r\n');
      const complete = lines.slice(0, -1);
      const last = complete.at(-1);
      if (last && /^\d{3}( |$)/.test(last)) {
        cleanup();
        resolve({ code: Number(last.slice(0, 3)), lines: complete.map((l) => l.slice(4)) });
      }
    };
    const onClose = () => {
      cleanup();
      reject(new Error('connection closed during SMTP dialogue'));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error('SMTP reply timed out'));
    }, timeoutMs);
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('error', onClose);
  });
}

async function command(socket: net.Socket, line: string, timeoutMs: number) {
  socket.write(`${line}\r\n`);
  return readReply(socket, timeoutMs);
}

/** Greeting and EHLO; returns the socket and whether STARTTLS is offered. */
async function ehlo(host: string, port: number, timeoutMs: number) {
  const socket = await tcpOpener(host, port)(timeoutMs);
  try {
    const greeting = await readReply(socket, timeoutMs);
    if (greeting.code !== 220) throw new Error(`SMTP greeting ${greeting.code}`);
    const reply = await command(socket, `EHLO ${EHLO_NAME}`, timeoutMs);
    if (reply.code !== 250) throw new Error(`EHLO answered ${reply.code}`);
    const offered = reply.lines.some((l) => /^STARTTLS\b/i.test(l));
    return { socket, offered };
  } catch (err) {
    socket.destroy();
    throw new UnreachableError(`${host}:${port}`, err instanceof Error ? err.message : String(err));
  }
}

/** Whether the server offers STARTTLS after EHLO. */
export async function starttlsOffered(host: string, port: number, timeoutMs: number) {
  const { socket, offered } = await ehlo(host, port, timeoutMs);
  socket.end(`QUIT\r\n`);
  socket.destroy();
  return offered;
}

/** Opens a connection that has said STARTTLS and got 220: the next bytes are the TLS handshake. */
export function starttlsOpener(host: string, port: number): Opener {
  return async (timeoutMs) => {
    const { socket } = await ehlo(host, port, timeoutMs);
    try {
      const reply = await command(socket, 'STARTTLS', timeoutMs);
      if (reply.code !== 220) throw new Error(`STARTTLS answered ${reply.code}`);
      return socket;
    } catch (err) {
      socket.destroy();
      throw new UnreachableError(`${host}:${port}`, err instanceof Error ? err.message : String(err));
    }
  };
}
