/** What an adapter hands to core: a framework-neutral view of one HTTP request. */
export interface GatewayRequest {
  readonly method: string;
  /** Path relative to the gateway's mount point, without the query string: `/v1/chat/completions`. */
  readonly path: string;
  /** Lower-cased header names, as Node's IncomingMessage gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The parsed JSON body (`undefined` for GET). */
  readonly body: unknown;
  /** Aborts when the client goes away; passed on to the upstream request. */
  readonly signal: AbortSignal;
}
