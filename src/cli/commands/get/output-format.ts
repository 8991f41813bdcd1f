import { parseCustomColumns, type CustomColumn } from '../../../printers/custom-columns.js';
import { executeGoTemplate, GoTemplateError, parseGoTemplate, type GoTemplate } from '../../../printers/go-template.js';
import { JsonPathError, parseJsonPath, printJsonPath } from '../../../printers/jsonpath.js';
import type { KObject } from '../../../api/object.js';
import { clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { toJson, toYaml, withoutManagedFields, writtenOutputRefusal, writtenTexts } from '../../../printers/output.js';

/** The -o formats kubesim prints without a template. */
const OUTPUTS = ['wide', 'json', 'yaml', 'name'];

/** kubectl's words for a template it cannot parse or run (it then dumps the object, which kubesim leaves out). */
export function jsonPathFailure(template: string, e: JsonPathError): string {
  return e.during === 'parsing' ? `error parsing jsonpath ${template}, ${e.message}` : `error executing jsonpath ${JSON.stringify(template)}: Error executing template: ${e.message}.`;
}

/** kubectl's words for a go-template it cannot parse or run (it then dumps the object, which kubesim leaves out). */
export function goTemplateFailure(template: string, e: GoTemplateError): string {
  return e.during === 'parsing' ? `error parsing template ${template}, template: ${e.message}` : `error executing template ${JSON.stringify(template)}: template: ${e.message}`;
}

/** What `-o jsonpath=TEMPLATE`, `-o go-template=TEMPLATE` and `-o custom-columns=SPEC` print with, parsed. */
export interface OutputTemplate {
  jsonpath?: ReturnType<typeof parseJsonPath>;
  goTemplate?: GoTemplate;
  columns?: CustomColumn[];
}

/** -o go-template and -o template are one printer (kubectl's GoTemplatePrintFlags). */
const GO_TEMPLATE = ['go-template', 'template'];

/**
 * `-o jsonpath=TEMPLATE`, `-o go-template=TEMPLATE` and `-o custom-columns=SPEC`, parsed before anything is fetched;
 * undefined for the other formats, kubectl's error text for a format it does not know or a template it cannot parse.
 */
export function outputTemplate(output: string | undefined): OutputTemplate | string | undefined {
  if (!output || OUTPUTS.includes(output)) return undefined;
  const [format, ...rest] = output.split('=');
  const spec = rest.join('=');
  if ((format === 'jsonpath' || format === 'custom-columns' || GO_TEMPLATE.includes(format!)) && !spec) return format === 'custom-columns' ? 'custom-columns format specified but no custom columns given' : 'template format specified but no template given';
  try {
    if (format === 'jsonpath') return { jsonpath: parseJsonPath(spec) };
    if (GO_TEMPLATE.includes(format!)) return { goTemplate: parseGoTemplate(spec) };
    if (format === 'custom-columns') {
      const columns = parseCustomColumns(spec);
      return typeof columns === 'string' ? columns : { columns };
    }
  } catch (e) {
    if (e instanceof GoTemplateError) return goTemplateFailure(spec, e);
    if (!(e instanceof JsonPathError)) throw e;
    return jsonPathFailure(spec, e);
  }
  return `unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,go-template,json,jsonpath,name,template,wide,yaml`;
}

/**
 * kubectl's words for a template (`-o jsonpath=…`, `-o go-template=…`) that fails on an object; undefined for any other
 * exception.
 */
export function templateFailure(e: unknown, output: string): string | undefined {
  const text = output.slice(output.indexOf('=') + 1);
  if (e instanceof GoTemplateError) return goTemplateFailure(text, e);
  if (e instanceof JsonPathError) return jsonPathFailure(text, e);
  return undefined;
}

/**
 * One document (an object, or a List) as -o json|yaml|jsonpath=…|go-template=… prints it; a template that fails on it
 * throws (templateFailure words it).
 */
async function documentText(doc: unknown, output: string, template: OutputTemplate | undefined): Promise<string> {
  if (template?.jsonpath) return printJsonPath(template.jsonpath, doc);
  if (template?.goTemplate) return executeGoTemplate(template.goTemplate, doc);
  return output === 'json' ? toJson(doc) : toYaml(doc);
}

/**
 * The -o formats of the commands that write objects read from manifests (apply, create -f, replace -f): the server
 * answers them unstructured, so their JSON keys come in order, as kubesim prints them.
 */
const UNSTRUCTURED_OUTPUTS = ['json', 'yaml', 'name', 'jsonpath', 'go-template', 'template'];

/**
 * How `kubectl create -f` and `replace -f` print each object as it is written: `-o json|jsonpath=…|go-template=…` the
 * object, the others through writtenTexts (`-o yaml` with `---` between objects, `-o name`, `KIND/NAME WORD`); or
 * kubectl's refusal of the format, before anything is sent.
 */
export function writtenPrinter(output: string | undefined, word: string, command: string): WrittenPrinter | string {
  const template = unstructuredTemplate(output, command);
  if (typeof template === 'string') return template;
  const texts = writtenTexts(output, word);
  return async (session, obj, errors) => {
    if (!template && output !== 'json') return session.out(await texts(obj));
    // a template that fails on the object written: kubectl's words, the object stays written
    const failed = await printDocument(session, withoutManagedFields(obj), output!, template);
    if (failed) errors.push(failed);
  };
}

/**
 * The -o of a command that writes unstructured objects (apply, create -f, replace -f): its template parsed, or
 * kubectl's refusal of a format it cannot print there, or of a template it cannot parse.
 */
export function unstructuredTemplate(output: string | undefined, command: string): OutputTemplate | string | undefined {
  return writtenOutputRefusal(output, command, UNSTRUCTURED_OUTPUTS) ?? outputTemplate(output);
}

/** Prints one document as documentText makes it; kubectl's error when the template fails on it. */
export async function printDocument(session: Session, doc: unknown, output: string, template: OutputTemplate | undefined): Promise<CommandError | undefined> {
  try {
    session.out(await documentText(doc, output, template));
    return undefined;
  } catch (e) {
    const failure = templateFailure(e, output);
    if (!failure) throw e;
    return clientError(failure, 'usage', { detail: `-o ${output}` });
  }
}

/** Prints an object written, or adds to `errors` why its template could not. */
export type WrittenPrinter = (session: Session, obj: KObject, errors: CommandError[]) => Promise<void>;
