import { parseArgs } from 'node:util';

export interface CliOptions {
  config: string;
  port: number;
  host: string;
  accessLog: boolean;
}

export const USAGE = `Usage: switchyard --config <config.yaml> [--port 4000] [--host 127.0.0.1] [--no-access-log]

  --config, -c   LiteLLM-style config.yaml (required)
  --port,   -p   port to listen on (default 4000; 0 picks a free one)
  --host         interface to bind (default 127.0.0.1; 0.0.0.0 for all)
  --no-access-log  do not log one JSON line per model request (on by default: model group,
                 deployment, status, tokens, cost, overhead, cache; --access-log is accepted)
  --help,   -h   show this help

Logs are JSON lines on stderr; SWITCHYARD_LOG_LEVEL sets the level (default info).
SIGTERM/SIGINT: stop after in-flight requests finish. SIGHUP: reload capability sources.`;

/** Parses the command line; throws an Error whose message is meant for the user. */
export function parseCliArgs(argv: readonly string[]): CliOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      config: { type: 'string', short: 'c' },
      port: { type: 'string', short: 'p', default: '4000' },
      host: { type: 'string', default: '127.0.0.1' },
      'access-log': { type: 'boolean', default: false },
      'no-access-log': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  if (values.config === undefined) throw new Error('--config is required');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);
  return { config: values.config, port, host: values.host, accessLog: !values['no-access-log'] };
}
