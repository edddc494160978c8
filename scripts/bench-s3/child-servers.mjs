// Starts the measured servers as child processes and stops them: each one tells its URL over IPC.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Forks `script` (a file beside this one) and resolves once it reports its URL. Runs as in production (no response validation). */
export function startChild(script, env) {
  const child = fork(path.join(here, script), [], { env: { ...process.env, NODE_ENV: 'production', ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const onExit = (code) => reject(new Error(`${script} exited with ${code} before it was ready`));
    child.once('exit', onExit);
    child.on('message', function ready(message) {
      if (!message?.url) return;
      child.off('message', ready);
      child.off('exit', onExit);
      resolve({
        url: message.url,
        seedSeconds: message.seedSeconds,
        pid: child.pid,
        memoryUsage: () => ask(child, 'memory').then((reply) => reply.usage),
        stop: () => stop(child),
      });
    });
  });
}

function ask(child, type) {
  return new Promise((resolve) => {
    child.on('message', function answer(message) {
      if (message?.type !== type) return;
      child.off('message', answer);
      resolve(message);
    });
    child.send({ type });
  });
}

/** Disconnecting asks the child to close; a child that does not exit within 5 s is killed. */
function stop(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.disconnect();
  });
}
