import { describe, expect, it } from 'vitest';
import { createRedactor, defaultRedactor } from './create-redactor.js';
import { isHighEntropy } from './key-patterns.js';

const OWN_KEY = 'gw-upstream-key-Zq81xPp0LmNo';

describe('createRedactor: text', () => {
  const redactor = createRedactor({ secrets: [OWN_KEY] });

  it('replaces the deployment own key wherever it occurs, and a token starting with its first 8 characters', () => {
    expect(redactor.text(`Incorrect API key provided: ${OWN_KEY}.`)).toBe('Incorrect API key provided: [redacted].');
    expect(redactor.text(`key=${OWN_KEY}&x=1`)).toBe('key=[redacted]&x=1');
    expect(redactor.text('Incorrect API key provided: gw-upsXXXXXXXX')).toBe('Incorrect API key provided: gw-upsXXXXXXXX');
    expect(redactor.text('Incorrect API key provided: gw-upstr...LmNo.')).toBe('Incorrect API key provided: [redacted].');
    expect(redactor.text('Incorrect API key provided: gw-upstr…LmNo')).toBe('Incorrect API key provided: [redacted]');
  });

  it('replaces masked keys of any shape (a run of *)', () => {
    expect(redactor.text('Incorrect API key provided: gw-u************LmNo. You can find your API key at …')).toBe(
      'Incorrect API key provided: [redacted]. You can find your API key at …',
    );
    expect(redactor.text('key ****LmNo is revoked')).toBe('key [redacted] is revoked');
    expect(redactor.text('**bold** and *** separators *** stay')).toBe('**bold** and *** separators *** stay');
  });

  it('replaces key-shaped tokens whatever the own key is', () => {
    const cases: [string, string][] = [
      ['Incorrect API key provided: sk-proj-****abcd.', 'Incorrect API key provided: [redacted].'],
      ['seen sk-proj-abcDEF123456 and sk-ant-FAKE-AbC_dEf-123', 'seen [redacted] and [redacted]'],
      ['google key AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW rejected', 'google key [redacted] rejected'],
      ['aws AKIAIOSFODNN7EXAMPLE denied', 'aws [redacted] denied'],
      ['Header was Bearer abc.def-123_XYZ', 'Header was Bearer [redacted]'],
      ['authorization: bearer 0123456789abcdef', 'authorization: bearer [redacted]'],
      ['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U expired', 'token [redacted] expired'],
      ['GET https://x.example/v1?api_key=abc123&api-version=2024-10-21 failed', 'GET https://x.example/v1?api_key=[redacted]&api-version=2024-10-21 failed'],
      ['opaque Xk9qP2mZ7vL4nR8tW1yB6cF3hJ5dS0gA2eK7uQ9o leaked', 'opaque [redacted] leaked'],
    ];
    for (const [input, expected] of cases) expect(redactor.text(input)).toBe(expected);
  });

  it('leaves normal upstream messages readable', () => {
    const messages = [
      'Rate limit reached for gpt-4o-mini in organization org-abc123 on requests per min (RPM): Limit 3, Used 3, Requested 1.',
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.",
      'Missing bearer token. Bearer authentication is required.',
      'The model `gpt-5.5-pro-2026-04-23` does not exist or you do not have access to it.',
      'Request id req_8f3c2a9d0b1e4f5a6b7c8d9e0f1a2b3c, trace 1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d',
      'Invalid value for messages[0].content: expected a string. See https://platform.openai.com/docs/api-reference/chat/create',
      'task-runner failed; sk- prefix is reserved',
      'unsupported_parameter: max_tokens. Use max_completion_tokens instead.',
    ];
    for (const message of messages) expect(redactor.text(message)).toBe(message);
  });

  it('ignores placeholder keys shorter than 8 characters', () => {
    expect(createRedactor({ secrets: ['EMPTY', undefined] }).text('EMPTY response from EMPTY')).toBe('EMPTY response from EMPTY');
  });

  it('replaces a key that does not look like a key only when it is the own key', () => {
    const plain = 'plainlettersonlykey';
    expect(defaultRedactor.text(`bad key ${plain}`)).toBe(`bad key ${plain}`);
    expect(createRedactor({ secrets: [plain] }).text(`bad key ${plain}`)).toBe('bad key [redacted]');
  });
});

describe('createRedactor: deep', () => {
  const redactor = createRedactor({ secrets: [OWN_KEY] });

  it('redacts every nested string and object key, and keeps other values', () => {
    const value = {
      error: { message: `bad ${OWN_KEY}`, type: OWN_KEY, param: 'sk-proj-abcdef123456', code: 'invalid_api_key', status: 401 },
      details: [{ [OWN_KEY]: true, hint: ['Bearer tok3n-value-x'] }, null, 3],
    };
    expect(redactor.deep(value)).toEqual({
      error: { message: 'bad [redacted]', type: '[redacted]', param: '[redacted]', code: 'invalid_api_key', status: 401 },
      details: [{ '[redacted]': true, hint: ['Bearer [redacted]'] }, null, 3],
    });
  });

  it('keeps a __proto__ key a plain key, and replaces what lies deeper than 64 levels', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": "sk-proj-abcdef123456"}}');
    const redacted = redactor.deep(hostile) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(redacted, '__proto__')?.value).toEqual({ polluted: '[redacted]' });
    let deep: unknown = OWN_KEY;
    for (let level = 0; level < 10_000; level++) deep = [deep];
    expect(JSON.stringify(redactor.deep(deep))).not.toContain(OWN_KEY);
  });
});

describe('isHighEntropy', () => {
  it('tells random tokens from ids and words', () => {
    expect(isHighEntropy('Xk9qP2mZ7vL4nR8tW1yB6cF3hJ5dS0gA2eK7uQ9o')).toBe(true);
    expect(isHighEntropy('8f3c2a9d0b1e4f5a6b7c8d9e0f1a2b3c8f3c2a9d0b1e')).toBe(false);
    expect(isHighEntropy('Supercalifragilisticexpialidocious1234567890')).toBe(false);
  });
});
