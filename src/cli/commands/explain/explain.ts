import { apiVersionOf, resolveResource } from '../../../api/resources.js';
import type { Renderer } from '../../../narrator/render/renderer.js';
import type { Env } from '../../env.js';
import { clientError, type CommandError } from '../../errors.js';

export interface ExplainOptions {
  recursive: boolean;
  apiVersion?: string;
}

/**
 * `kubesim explain TYPE[.FIELD...]`: kubectl explain's text on stdout, rendered from the OpenAPI v3 document the
 * simulated API server publishes; on stderr, where that text comes from and, for the kinds and fields a class
 * meets first, what they mean in the user's language.
 */
export async function runExplain(env: Env, renderer: Renderer, arg: string | undefined, opts: ExplainOptions): Promise<CommandError[]> {
  if (!arg) {
    return [clientError('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.', 'usage', { detail: 'kubesim explain pods' })];
  }
  const [type, ...fieldPath] = arg.split('.') as [string, ...string[]];
  const resource = resolveResource(type);
  if (!resource) return [{ kubectl: `the server doesn't have a resource type "${type}"`, code: 'unknown-resource', args: { resource: type } }];
  const groupVersion = opts.apiVersion ?? apiVersionOf(resource);
  const [{ openapiDocument, openapiPath }, { explain, ExplainError }] = await Promise.all([import('../../../api/openapi/document.js'), import('../../../printers/explain/explain.js')]);
  const doc = groupVersion === apiVersionOf(resource) ? openapiDocument(groupVersion) : undefined;
  if (!doc) {
    const [group, version] = groupVersion.includes('/') ? groupVersion.split('/') : ['', groupVersion];
    return [clientError(`couldn't find resource for "${group}/${version}, Resource=${resource.plural}"`, 'unknown-resource', { resource: `${resource.plural} (${groupVersion})` })];
  }
  const gvk = { group: resource.group, version: resource.version, kind: resource.kind };
  const { explain: words } = (await import('../../../narrator/narrate.js')).CATALOGS[env.lang].lessons;
  try {
    const { text, field } = explain(doc, { gvk, fieldPath, recursive: opts.recursive });
    renderer.stdout(text);
    renderer.note(words.source(`/openapi/v3/${openapiPath(groupVersion)}`));
    const meaning = field ? words.fields[field] : fieldPath.length === 0 ? words.kinds[resource.kind] : undefined;
    if (meaning) renderer.note(`💡 ${meaning}`);
    return [];
  } catch (e) {
    if (!(e instanceof ExplainError)) throw e;
    renderer.stdout(e.heading); // kubectl has printed the heading before it finds the field missing
    return [{ kubectl: e.message, code: 'no-field', args: { field: fieldPath[fieldPath.length - 1], kind: resource.kind } }];
  }
}
