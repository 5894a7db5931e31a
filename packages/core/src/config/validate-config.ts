import type { ValidateFunction } from 'ajv';
import { GatewayError } from '../errors/gateway-error.js';
import type { GatewayConfig } from '../generated/config.js';
import { createAjv } from '../json-schema/create-ajv.js';
import { describeAjvErrors } from '../json-schema/describe-ajv-error.js';
import { readSchemaFile } from '../json-schema/read-schema.js';

let validator: ValidateFunction | undefined;

/** Checks a config object against schemas/config.schema.json; every problem is named by path. */
export function validateConfig(config: unknown, source: string): GatewayConfig {
  validator ??= createAjv().compile(readSchemaFile('config.schema.json'));
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new GatewayError('invalid_config', `Invalid config (${source}): the top level must be a mapping with model_list.`);
  }
  if (!validator(config)) {
    const problems = describeAjvErrors(validator.errors);
    throw new GatewayError('invalid_config', `Invalid config (${source}):\n${problems.map((line) => `  - ${line}`).join('\n')}`);
  }
  return config as GatewayConfig;
}
