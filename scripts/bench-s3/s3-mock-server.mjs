// The S3 mock under measurement, as users run it (`start` from the build, file storage, no
// request logs), in a child process of its own so its RSS is its alone. Reports its URL over
// IPC and stops when the parent disconnects.
import { start } from '../../dist/src/start.js';

const standin = await start({ servers: ['s3'], port: 0, storage: 'fs', dataDir: process.env.MOCK_DATA_DIR, logLevel: 'silent' });
process.on('disconnect', () => {
  standin.close().then(() => process.exit(0), () => process.exit(1));
});
process.send({ url: standin.urls.s3 });
