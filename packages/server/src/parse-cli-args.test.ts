import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './parse-cli-args.js';

describe('parseCliArgs', () => {
  it('reads the documented flags with their defaults', () => {
    expect(parseCliArgs(['--config', 'c.yaml'])).toEqual({ config: 'c.yaml', port: 4000, host: '127.0.0.1', accessLog: true });
    expect(parseCliArgs(['--config', 'c.yaml', '--no-access-log'])).toMatchObject({ accessLog: false });
    expect(parseCliArgs(['-c', 'c.yaml', '-p', '0', '--host', '0.0.0.0', '--access-log'])).toEqual({ config: 'c.yaml', port: 0, host: '0.0.0.0', accessLog: true });
    expect(parseCliArgs(['--help'])).toBe('help');
  });

  it('refuses a missing config, a bad port and unknown flags with a message for people', () => {
    expect(() => parseCliArgs([])).toThrow('--config is required');
    expect(() => parseCliArgs(['--config', 'c.yaml', '--port', 'http'])).toThrow('--port must be a port number, got http');
    expect(() => parseCliArgs(['--config', 'c.yaml', '--verbose'])).toThrow(/Unknown option '--verbose'/);
  });
});
