import { Ajv, type Options } from 'ajv';

/** One configuration of Ajv for every schema core compiles (config, capabilities, requests). */
export function createAjv(options: Options = {}): Ajv {
  return new Ajv({ allErrors: true, strict: false, ...options });
}
