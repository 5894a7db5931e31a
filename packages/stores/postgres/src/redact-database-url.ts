/**
 * A database URL without its password, for logs and error messages:
 * `postgresql://app:s3cret@db:5432/x` → `postgresql://app:***@db:5432/x`.
 */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    for (const name of [...parsed.searchParams.keys()]) {
      if (/pass|secret|key/i.test(name)) parsed.searchParams.set(name, '***');
    }
    return parsed.toString();
  } catch {
    return 'postgresql://(unparseable url)';
  }
}
