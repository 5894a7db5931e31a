import type { Dispatcher } from 'undici';

export interface BedrockProviderOptions {
  /**
   * Where the standard AWS variables are read (when a deployment is first used; never written):
   * AWS_REGION_NAME (LiteLLM's) / AWS_REGION / AWS_DEFAULT_REGION, AWS_BEARER_TOKEN_BEDROCK, and the
   * credential chain's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN,
   * AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN / AWS_ROLE_SESSION_NAME, AWS_PROFILE,
   * AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE / HOME, AWS_CONTAINER_CREDENTIALS_* and
   * AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE), AWS_EC2_METADATA_DISABLED /
   * AWS_EC2_METADATA_SERVICE_ENDPOINT. Default `process.env`.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The region when neither `aws_region_name` nor AWS_REGION says. Default `us-west-2` (LiteLLM's). */
  readonly defaultRegion?: string;
  /** Sockets per upstream origin. Default unlimited. */
  readonly connectionsPerOrigin?: number;
  /** How long an idle upstream socket stays open, in ms. Default undici's. */
  readonly keepAliveTimeoutMs?: number;
  /** TCP + TLS connect timeout in ms. Default undici's (10 s). */
  readonly connectTimeoutMs?: number;
  /** The largest upstream answer read (a JSON body, or one event-stream message), in bytes. Default `general_settings.max_response_size_mb`, else 64 MB (16 MB per stream message). */
  readonly maxResponseBytes?: number;
  /** Sends every request through this dispatcher: a `ProxyAgent`, undici's `MockAgent`. */
  readonly dispatcher?: Dispatcher;
}

export const DEFAULT_REGION = 'us-west-2';
/** A region name as AWS writes them: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `ap-southeast-4`. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
