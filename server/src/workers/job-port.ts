/**
 * How a workbook job's code talks to its pool (workbook-workers.ts): in a thread through its parent port, in a child
 * process through its IPC channel, with the same messages.
 */
import { parentPort } from 'node:worker_threads';

export interface JobPort {
  onMessage<M>(listener: (message: M) => void): void;
  postMessage(message: unknown): void;
}

export function jobPort(): JobPort {
  const port = parentPort;
  if (port) return { onMessage: (listener) => port.on('message', listener), postMessage: (message) => port.postMessage(message) };
  const send = process.send?.bind(process);
  if (!send) throw new Error('a workbook job runs in a worker thread or in a child process with an IPC channel');
  return { onMessage: (listener) => process.on('message', listener as (message: unknown) => void), postMessage: (message) => send(message) };
}
