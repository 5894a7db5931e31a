import { readFileSync } from 'node:fs';
import type { Deployment } from '@switchyard/core';
import { testDeployment as coreTestDeployment, type TestDeploymentOptions } from '@switchyard/core/testing';

/** A recorded Anthropic payload next to this file: `.json` parsed, `.chunks.txt` as SSE text. */
export function fixture(name: string): string {
  return readFileSync(new URL(name, import.meta.url), 'utf8');
}

export function jsonFixture(name: string): Record<string, unknown> {
  return JSON.parse(fixture(name)) as Record<string, unknown>;
}

export const TEST_KEY = 'sk-ant-unit-FAKE-not-a-key-0123';

export function testDeployment(options: TestDeploymentOptions = {}): Deployment {
  return coreTestDeployment({
    id: 'claude#0',
    modelName: 'claude',
    provider: 'anthropic',
    upstreamModel: 'claude-sonnet-4-5',
    apiKey: TEST_KEY,
    timeoutMs: 10_000,
    ...options,
  });
}
