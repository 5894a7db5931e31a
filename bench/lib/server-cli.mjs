import { pathToFileURL } from 'node:url';

/** `--port 4000 --config=f.yaml` → `{ port: '4000', config: 'f.yaml' }`. Enough for the bench's own scripts. */
export function parseFlags(argv) {
  const flags = {};
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (!argument.startsWith('--')) continue;
    const [name, inline] = argument.slice(2).split('=', 2);
    if (inline !== undefined) flags[name] = inline;
    else if (argv[index + 1] !== undefined && !argv[index + 1].startsWith('--')) flags[name] = argv[++index];
    else flags[name] = 'true';
  }
  return flags;
}

/** Resolves once `server` listens; prints `listening <port>` so a parent can tell it is up. */
export function listen(server, port, host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(port), host, () => {
      process.stdout.write(`listening ${server.address().port}\n`);
      resolve(server);
    });
  });
}

/** Closes `server` on SIGTERM/SIGINT, then exits; `onClose` releases anything else (pools). */
export function closeOnSignal(server, onClose = async () => {}) {
  const stop = () => {
    server.closeAllConnections?.();
    server.close(() => onClose().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** True when the module at `moduleUrl` is the script node was started with. */
export function isMain(moduleUrl) {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;
}
