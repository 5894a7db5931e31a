import type { AwsCredentials } from './credential-provider.js';

/**
 * The JSON the ECS/EKS container agent and EC2 instance metadata answer with:
 * `{AccessKeyId, SecretAccessKey, Token, Expiration}` (instance metadata adds `Code: "Success"`).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html
 */
export function parseMetadataCredentials(text: string): AwsCredentials | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { AccessKeyId, SecretAccessKey, Token, Expiration, Code } = value as Record<string, unknown>;
  if (Code !== undefined && Code !== 'Success') return undefined;
  if (typeof AccessKeyId !== 'string' || AccessKeyId === '' || typeof SecretAccessKey !== 'string' || SecretAccessKey === '') return undefined;
  const expiresAt = typeof Expiration === 'string' ? Date.parse(Expiration) : Number.NaN;
  // Long-term keys from a container endpoint come without a token or an expiry.
  if (Expiration !== undefined && Number.isNaN(expiresAt)) return undefined;
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    sessionToken: typeof Token === 'string' && Token !== '' ? Token : undefined,
    expiresAt: Number.isNaN(expiresAt) ? undefined : expiresAt,
  };
}
