import { describe, expect, it } from 'vitest';
import { fromHostBodyParserError } from './host-body-parser-error.js';

const withFields = (error: Error, fields: object) => Object.assign(error, fields);

describe('fromHostBodyParserError', () => {
  it.each([
    ['raw-body, body too large', withFields(new Error('request entity too large'), { type: 'entity.too.large', status: 413 }), 413, 'payload_too_large'],
    ['body-parser, bad JSON', withFields(new SyntaxError('Unexpected end'), { type: 'entity.parse.failed', status: 400 }), 400, 'invalid_json'],
    ['co-body, bad JSON', withFields(new SyntaxError('Unexpected end'), { status: 400 }), 400, 'invalid_json'],
    ['unsupported charset', withFields(new Error('unsupported charset'), { type: 'charset.unsupported', status: 415 }), 415, 'unsupported_media_type'],
  ])('maps %s to the gateway error', (_label, error, status, code) => {
    expect(fromHostBodyParserError(error)).toMatchObject({ status, code });
  });

  it('leaves any other error alone', () => {
    const error = new TypeError('a bug in the host');
    expect(fromHostBodyParserError(error)).toBe(error);
  });
});
