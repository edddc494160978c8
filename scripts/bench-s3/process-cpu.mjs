// CPU time a process has used, read from /proc (Linux), independent of its own event loop.
import { readFileSync } from 'node:fs';

/** CPU time `pid` used so far, in ms (utime + stime, in clock ticks of 10 ms). */
export function cpuMsOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
