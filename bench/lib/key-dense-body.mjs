/** `{"model":…,"messages":[…],"k0":0,…}`: with 1M keys, the 16.8 MB body of issue 7. */
export function keyDenseBody(keys) {
  const parts = ['{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]'];
  for (let index = 0; index < keys; index++) parts.push(`,"k${index}":${index}`);
  parts.push('}');
  return Buffer.from(parts.join(''));
}
