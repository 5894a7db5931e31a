import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';

/** A packed tarball to publish on the local registry, with the manifest read from inside it. */
export interface PackedPackage {
  readonly file: string;
  readonly manifest: { name: string; version: string; [field: string]: unknown };
}

/**
 * An npm registry on loopback, so that a fresh project outside the workspace can run an ordinary
 * `pnpm add @switchyard/express` with no network: it publishes the packed Switchyard tarballs,
 * and every third-party version the workspace lockfile pins, with the integrity recorded there.
 * pnpm finds those in its content-addressed store (the workspace install filled it) by integrity
 * and never asks for their tarballs; a request for one is recorded in `missingTarballs`, so a
 * test can say which package the store lacked instead of failing obscurely.
 */
export class LocalRegistry {
  readonly missingTarballs: string[] = [];
  url = '';
  #documents = new Map<string, RegistryDocument>();
  #tarballs = new Map<string, string>();
  #server: Server;

  private constructor() {
    this.#server = createServer((request, response) => {
      const path = decodeURIComponent((request.url ?? '/').split('?')[0]!).slice(1);
      const tarball = this.#tarballs.get(path);
      if (tarball !== undefined) {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        return response.end(readFileSync(tarball));
      }
      if (path.startsWith('-/store-only/')) this.missingTarballs.push(path.slice('-/store-only/'.length));
      const document = this.#documents.get(path);
      if (document === undefined) {
        response.writeHead(404, { 'content-type': 'application/json' });
        return response.end('{"error":"not found"}');
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(document));
    });
  }

  static async start(options: { lockfile: string; packages: readonly PackedPackage[] }): Promise<LocalRegistry> {
    const registry = new LocalRegistry();
    registry.#server.listen(0, '127.0.0.1');
    await once(registry.#server, 'listening');
    registry.url = `http://127.0.0.1:${(registry.#server.address() as AddressInfo).port}/`;
    registry.#addLockfile(options.lockfile);
    for (const packed of options.packages) registry.#addTarball(packed);
    return registry;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  #addTarball({ file, manifest }: PackedPackage): void {
    const path = `-/tarballs/${basename(file)}`;
    this.#tarballs.set(path, file);
    const integrity = `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
    this.#addVersion(manifest.name, { ...manifest, dist: { integrity, tarball: `${this.url}${path}` } });
  }

  /** Every `name@version` of a pnpm v9 lockfile, with its dependencies pinned as the lockfile resolved them. */
  #addLockfile(file: string): void {
    const lockfile = parseYaml(readFileSync(file, 'utf8')) as Lockfile;
    for (const [key, snapshot] of Object.entries(lockfile.snapshots ?? {})) {
      const id = key.replace(/\(.*$/, ''); // 'a@1.0.0(peer@2.0.0)' → 'a@1.0.0'
      const entry = lockfile.packages?.[id];
      if (entry?.resolution?.integrity === undefined) continue;
      const { name, version } = splitId(id);
      const peers = entry.peerDependencies ?? {};
      this.#addVersion(name, {
        name,
        version,
        dependencies: pinned(snapshot.dependencies, peers),
        optionalDependencies: pinned(snapshot.optionalDependencies, peers),
        peerDependencies: entry.peerDependencies,
        peerDependenciesMeta: entry.peerDependenciesMeta,
        engines: entry.engines,
        os: entry.os,
        cpu: entry.cpu,
        libc: entry.libc,
        dist: { integrity: entry.resolution.integrity, tarball: `${this.url}-/store-only/${name}@${version}` },
      });
    }
  }

  #addVersion(name: string, version: { version: string; [field: string]: unknown }): void {
    const document = this.#documents.get(name) ?? { name, 'dist-tags': {}, versions: {} };
    document.versions[version.version] = version;
    document['dist-tags'].latest = version.version; // only one version of each is ever asked for by range
    this.#documents.set(name, document);
  }
}

interface RegistryDocument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, unknown>;
}

interface Lockfile {
  packages?: Record<string, LockfilePackage>;
  snapshots?: Record<string, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }>;
}

interface LockfilePackage {
  resolution?: { integrity?: string };
  engines?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, unknown>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
}

function splitId(id: string): { name: string; version: string } {
  const at = id.lastIndexOf('@');
  return { name: id.slice(0, at), version: id.slice(at + 1) };
}

/** Lockfile dependency versions as exact ranges; aliases (`x: y@1.0.0`) become `npm:y@1.0.0`; peers stay peers. */
function pinned(dependencies: Record<string, string> | undefined, peers: Record<string, string>): Record<string, string> | undefined {
  if (dependencies === undefined) return undefined;
  const ranges: Record<string, string> = {};
  for (const [name, resolved] of Object.entries(dependencies)) {
    if (name in peers) continue;
    const version = resolved.replace(/\(.*$/, '');
    if (version.startsWith('link:') || version.startsWith('file:')) continue;
    ranges[name] = /^@?[^@]+@/.test(version) ? `npm:${version}` : version;
  }
  return ranges;
}

// yaml is a dependency of @switchyard/core, not of the workspace root: load it from there.
const parseYaml = (createRequire(new URL('../../packages/core/package.json', import.meta.url))('yaml') as { parse(text: string): unknown }).parse;
