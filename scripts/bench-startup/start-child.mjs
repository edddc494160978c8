// Starts the servers named in argv through the programmatic API (`start()` from the build, as a
// test suite would), reports their URLs over IPC and stops when the parent disconnects.
import { start } from '../../dist/src/index.js';

const named = process.argv.slice(2);
const standin = await start({ servers: named.length > 0 ? named : undefined, port: 0 });
process.on('disconnect', () => {
  standin.close().then(() => process.exit(0), () => process.exit(1));
});
process.send({ urls: Object.values(standin.urls) });
