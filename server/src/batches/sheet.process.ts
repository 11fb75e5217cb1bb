/**
 * The sheet jobs' child process (sheet-workers.ts): their messages on its IPC channel. It ends with the server: when
 * the channel closes, nothing is left for it to do.
 */
import './sheet.worker';

process.once('disconnect', () => process.exit(0));
