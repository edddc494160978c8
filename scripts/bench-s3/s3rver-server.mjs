// s3rver (the devDependency), the other S3 stand-in the mock is compared with, on a data folder of
// its own. Forked with --openssl-legacy-provider (its ListObjectsV2 continuation tokens use a
// cipher Node >= 17 hides otherwise). Reports its URL over IPC, exits when the parent disconnects.
import S3rver from 's3rver';

const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.env.S3RVER_DATA_DIR });
const { port } = await server.run();
process.on('disconnect', () => {
  server.close().finally(() => process.exit(0));
});
process.send({ url: `http://127.0.0.1:${port}` });
