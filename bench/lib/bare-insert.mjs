// The submissions baseline of bench:scaleout, in a process of its own like a Mamoru instance: a bare
// Fastify route (no logger, no session, no validation library) that parses the same JSON body a
// submission sends and inserts one row holding the same packed answers (one character per item).
// Env: DATABASE_URL, DATABASE_POOL_SIZE. Tells its parent (IPC) { port } once listening.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});
const app = Fastify({ logger: false });
app.put('/bare/:id', async (req) => {
  const answers = Object.values(req.body.answers)
    .map((k) => k[0])
    .join('');
  await pool.query('insert into bench_bare_submissions (member_id, answers, submitted) values ($1, $2, $3)', [
    req.params.id,
    answers,
    req.body.submit === true,
  ]);
  return { ok: true };
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.send({ port: app.server.address().port });
process.on('message', async (m) => {
  if (m !== 'stop') return;
  await app.close();
  await pool.end();
  process.exit(0);
});
