/**
 * Turns an Ajv instance path (`/model_list/2/litellm_params/model`) into the path a person
 * reads in a config file or a request (`model_list[2].litellm_params.model`).
 */
export function formatJsonPath(instancePath: string, prefix = ''): string {
  let path = prefix;
  for (const rawSegment of instancePath.split('/').slice(1)) {
    const segment = rawSegment.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}
