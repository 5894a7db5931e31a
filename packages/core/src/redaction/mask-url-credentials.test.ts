import { describe, expect, it } from 'vitest';
import { createRedactor, defaultRedactor } from './create-redactor.js';
import { maskUrlCredentials, urlSecrets } from './mask-url-credentials.js';

describe('maskUrlCredentials', () => {
  it('masks user-info and credential query values, and keeps the rest readable', () => {
    expect(maskUrlCredentials('https://user:pa55word@proxy.example/v1', defaultRedactor)).toBe('https://***:***@proxy.example/v1');
    expect(maskUrlCredentials('https://token-only@proxy.example/v1', defaultRedactor)).toBe('https://***@proxy.example/v1');
    expect(maskUrlCredentials('https://x.openai.azure.com/openai?api-version=2024-10-21&api-key=0123abcd&sig=zzz', defaultRedactor)).toBe(
      'https://x.openai.azure.com/openai?api-version=2024-10-21&api-key=***&sig=***',
    );
    expect(maskUrlCredentials('http://127.0.0.1:8000/v1', defaultRedactor)).toBe('http://127.0.0.1:8000/v1');
  });

  it('masks a query value that is a key whatever its name, and the own key in the path', () => {
    const own = 'plain-deployment-secret';
    const redactor = createRedactor({ secrets: [own] });
    expect(maskUrlCredentials('https://gw.example/v1?x=sk-proj-abcdef123456', redactor)).toBe('https://gw.example/v1?x=***');
    expect(maskUrlCredentials(`https://gw.example/${own}/v1#frag`, redactor)).toBe('https://gw.example/[redacted]/v1#***');
    expect(maskUrlCredentials(`not a url ${own}`, redactor)).toBe('not a url [redacted]');
  });

  it('lists the credentials a URL carries, for the redactors to know', () => {
    expect(urlSecrets('https://user:pa%2455word@proxy.example/v1?api-version=2024-10-21&api-key=0123abcd')).toEqual(['user', 'pa%2455word', 'pa$55word', '0123abcd']);
    expect(urlSecrets('http://127.0.0.1:8000/v1')).toEqual([]);
    expect(urlSecrets(undefined)).toEqual([]);
  });
});
