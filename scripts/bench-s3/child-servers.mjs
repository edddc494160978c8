// Starts the measured servers as child processes and stops them: each one tells its URL over IPC.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Forks `script` (a file beside this one) and resolves to { url, pid, stop } once it reports its URL. Runs as in production. */
export function startChild(script, env, execArgv = []) {
  const child = fork(path.join(here, script), [], { execArgv, env: { ...process.env, NODE_ENV: 'production', ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const onExit = (code) => reject(new Error(`${script} exited with ${code} before it was ready`));
    child.once('exit', onExit);
    child.on('message', function ready(message) {
      if (!message?.url) return;
      child.off('message', ready);
      child.off('exit', onExit);
      resolve({ url: message.url, pid: child.pid, stop: () => stop(child) });
    });
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
