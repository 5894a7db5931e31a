/** What an adapter hands to core: a framework-neutral view of one HTTP request. */
export interface GatewayRequest {
  readonly method: string;
  /** Path relative to the gateway's mount point, without the query string: `/v1/chat/completions`. */
  readonly path: string;
  /** The query string without `?` (`key=sk-…&page=2`), or undefined/empty when there is none. */
  readonly query?: string;
  /** Lower-cased header names, as Node's IncomingMessage gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /**
   * The parsed JSON body (`undefined` for GET). With `readBody`, the `body` stage sets it once
   * the request is authenticated; stages before it see `undefined`.
   */
  body?: unknown;
  /**
   * Reads and parses the body on demand (the Node adapters pass one), so nothing is read before
   * the `auth` stage has run. Called at most once, by the `body` stage.
   */
  readonly readBody?: () => Promise<unknown>;
  /** Aborts when the client goes away; passed on to the upstream request. */
  readonly signal: AbortSignal;
}
