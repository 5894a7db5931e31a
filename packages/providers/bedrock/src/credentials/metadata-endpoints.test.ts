import { describe, expect, it } from 'vitest';
import { containerEndpoint } from './container-credentials.js';
import { metadataEndpoint } from './instance-metadata-credentials.js';
import { stsEndpoint } from './sts-credentials.js';

describe('credential endpoints', () => {
  it('puts a relative container URI on the ECS agent, and takes a full one only over https or to loopback and the AWS agents', () => {
    expect(containerEndpoint({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/1f2e' })?.href).toBe('http://169.254.170.2/v2/credentials/1f2e');
    expect(containerEndpoint({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials' })?.href).toBe('http://169.254.170.23/v1/credentials');
    expect(containerEndpoint({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://[::1]:8080/creds' })?.host).toBe('[::1]:8080');
    expect(containerEndpoint({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'https://creds.internal/x' })?.origin).toBe('https://creds.internal');
    expect(() => containerEndpoint({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://evil.example/creds' })).toThrow(/https:\/\/ URL, or http:\/\/ to a loopback address/);
    expect(containerEndpoint({})).toBeUndefined();
  });

  it('reads instance metadata at 169.254.169.254 unless moved or disabled', () => {
    expect(metadataEndpoint({})?.href).toBe('http://169.254.169.254/');
    expect(metadataEndpoint({ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://[fd00:ec2::254]' })?.host).toBe('[fd00:ec2::254]');
    expect(metadataEndpoint({ AWS_EC2_METADATA_DISABLED: 'TRUE' })).toBeUndefined();
    expect(() => metadataEndpoint({ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'ftp://x' })).toThrow(/AWS_EC2_METADATA_SERVICE_ENDPOINT/);
  });

  it("signs STS for the region its host names (LiteLLM's rule), else the deployment's", () => {
    expect(stsEndpoint(undefined, 'eu-west-3', 'c')).toEqual({ url: new URL('https://sts.eu-west-3.amazonaws.com'), region: 'eu-west-3' });
    expect(stsEndpoint('https://vpce-0abc.sts.ap-south-1.vpce.amazonaws.com', 'us-east-1', 'c').region).toBe('ap-south-1');
    expect(stsEndpoint('https://sts-fips.us-gov-west-1.amazonaws.com', 'us-east-1', 'c').region).toBe('us-gov-west-1');
    expect(stsEndpoint('https://sts.amazonaws.com', 'us-east-2', 'c').region).toBe('us-east-1');
    expect(stsEndpoint('http://127.0.0.1:4566', 'us-east-2', 'c').region).toBe('us-east-2');
  });
});
