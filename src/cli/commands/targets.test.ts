import { describe, expect, it } from 'vitest';
import type { CommandError } from '../errors.js';
import { resolveTargets, selectorsOf, severalTypes, type Target } from './targets.js';

/** What kubectl's resource builder makes of the arguments: each type's plural, names and form, or its error. */
function read(args: string[]): string {
  const targets = resolveTargets(args);
  if (!Array.isArray(targets)) return targets.kubectl;
  return targets.map((t) => `${t.resource.plural}[${t.names.join(' ')}]${t.pairs ? ' pairs' : ''}`).join(', ');
}

/** The first error kubectl would print, if any (a parsed selector has none). */
const refusal = (r: unknown) => (Array.isArray(r) ? r[0] : (r as Partial<CommandError> | undefined))?.kubectl;

describe("kubectl's argument forms (the resource builder's ResourceTypeOrNameArgs)", () => {
  it.each([
    [['pods'], 'pods[]'],
    [['po,svc'], 'pods[], services[]'],
    [['deploy', 'a', 'b'], 'deployments[a b]'],
    // TYPE,TYPE NAME is read as pairs (normalizeMultipleResourcesArgs)
    [['deploy,svc', 'web'], 'deployments[web] pairs, services[web] pairs'],
    [['deploy/a', 'deployment/b', 'svc/a'], 'deployments[a b] pairs, services[a] pairs'],
    [['deploy/a/b'], 'error: arguments in resource/name form may not have more than one slash'],
    [['deploy/'], 'error: arguments in resource/name form must have a single resource and name'],
    [['/web'], 'error: arguments in resource/name form must have a single resource and name'],
    [['deploy', 'x/y'], expect.stringMatching(/^error: there is no need to specify a resource type as a separate argument/)],
    [['widgets'], 'error: the server doesn\'t have a resource type "widgets"'],
  ])('%j → %s', (args, want) => {
    expect(read(args)).toEqual(want);
  });

  it.each([
    [['deploy,svc'], 'error: you may only specify a single resource type'],
    [['all'], 'error: you may only specify a single resource type'],
    [['deployments,deploy'], 'error: you may only specify a single resource type'],
    [['deploy/a', 'svc/a'], 'error: you may only specify a single resource type'],
    [['deploy,deploy'], undefined],
    [['deploy/a', 'deployments/b'], undefined],
    [['pods', 'a', 'b'], undefined],
  ])('get -w %j: %s', (args, want) => {
    expect(refusal(severalTypes(args, resolveTargets(args) as Target[]))).toBe(want);
  });

  it('refuses a selector beside names in the words of the form they were given in', () => {
    const selectors = (args: string[]) => refusal(selectorsOf(resolveTargets(args) as Target[], { selector: 'app=web' }));
    expect(selectors(['deploy', 'web'])).toBe('error: name cannot be provided when a selector is specified');
    expect(selectors(['deploy/web'])).toBe('error: selectors and the all flag cannot be used when passing resource/name arguments');
    expect(selectors(['deploy,svc', 'web'])).toBe('error: selectors and the all flag cannot be used when passing resource/name arguments');
    expect(selectors(['deploy'])).toBeUndefined();
  });
});
