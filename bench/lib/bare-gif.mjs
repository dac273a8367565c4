// The tracking baseline (as bench:drill's): a bare node:http server answering the same GIF, no
// database, no log, in a process of its own like a Mamoru instance. Tells its parent (IPC) { port }.
import http from 'node:http';

const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'cache-control': 'no-store, max-age=0', 'content-type': 'image/gif' });
  res.end(gif);
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', (m) => {
  if (m === 'stop') server.close(() => process.exit(0));
});
