// The peer the S3 mock is measured against: a bare node:http server doing the least a correct
// object server must do — stream a PUT body to a temp file and rename it into place, stream a
// GET from that file. Run as a child process (fork) so it never shares an event loop with the
// client; it reports its URL over IPC and exits when the parent disconnects.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

const dataDir = process.env.PEER_DATA_DIR;
await mkdir(dataDir, { recursive: true });
let uploads = 0;

const fileFor = (url) => path.join(dataDir, createHash('sha1').update(new URL(url, 'http://peer').pathname).digest('hex'));

async function handle(req, res) {
  const file = fileFor(req.url);
  if (req.method === 'PUT') {
    const temp = `${file}.${process.pid}.${uploads++}.tmp`;
    try {
      await pipeline(req, createWriteStream(temp));
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    res.writeHead(200, { 'content-length': 0 }).end();
  } else if (req.method === 'GET') {
    const { size } = await stat(file);
    res.writeHead(200, { 'content-length': size, 'content-type': 'application/octet-stream' });
    await pipeline(createReadStream(file), res);
  } else {
    res.writeHead(405, { 'content-length': 0 }).end();
  }
}

const server = http.createServer((req, res) => {
  handle(req, res).catch(() => {
    if (!res.headersSent) res.writeHead(req.method === 'GET' ? 404 : 500, { 'content-length': 0 });
    res.end();
  });
});
server.listen(0, '127.0.0.1', () => process.send({ url: `http://127.0.0.1:${server.address().port}` }));
process.on('disconnect', () => process.exit(0));
