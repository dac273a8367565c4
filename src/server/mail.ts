import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * Mail through the SMTP relay in SMTP_URL (smtp://user:pass@host:587, smtps://…). Without it
 * (development and the demo) messages are appended to DATA_DIR/mail.log instead of being sent.
 */
export function createMailer(config: Config): Mailer {
  if (config.mail.smtpUrl) {
    const transport = nodemailer.createTransport(config.mail.smtpUrl);
    return {
      async send(m) {
        const info = await transport.sendMail({ from: config.mail.from, ...m });
        return { messageId: info.messageId };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ jsonTransport: true });
  const file = path.join(config.dataDir, 'mail.log');
  return {
    async send(m) {
      const info = await transport.sendMail({ from: config.mail.from, ...m });
      fs.mkdirSync(config.dataDir, { recursive: true });
      const entry = { at: new Date().toISOString(), from: config.mail.from, ...m, messageId: info.messageId };
      fs.appendFileSync(file, `${JSON.stringify(entry)}\n`);
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
