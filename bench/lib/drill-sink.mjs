// The benchmark's SMTP sink, in a process of its own so it does not share the sender's event loop:
// no authentication, no TLS, accepts and discards every message and counts it. Parent (IPC): 'count'.
import { SMTPServer } from 'smtp-server';

let messages = 0;
let bytes = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  maxClients: 1000,
  onData(stream, _session, done) {
    stream.on('data', (c) => {
      bytes += c.length;
    });
    stream.on('end', () => {
      messages++;
      done();
    });
  },
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.server.address().port }));
process.on('message', (m) => {
  if (m === 'count') process.send({ messages, bytes, cpu: process.cpuUsage() });
  if (m === 'stop') server.close(() => process.exit(0));
});
