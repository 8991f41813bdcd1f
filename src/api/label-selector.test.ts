import { describe, expect, it } from 'vitest';
import { parseSelector } from './label-selector.js';
import { matches, type Requirement } from './labels.js';

describe("label selectors, parsed as apimachinery's pkg/labels parses them", () => {
  it.each([
    ['app=web', [{ key: 'app', op: '=', values: ['web'] }]],
    [' app == web , !canary', [{ key: 'app', op: '=', values: ['web'] }, { key: 'canary', op: 'DoesNotExist', values: [] }]],
    ['tier notin (db,,cache),app', [{ key: 'app', op: 'Exists', values: [] }, { key: 'tier', op: 'NotIn', values: ['', 'cache', 'db'] }]],
    ['env in ()', [{ key: 'env', op: 'In', values: [''] }]],
    ['in in (in,notin)', [{ key: 'in', op: 'In', values: ['in', 'notin'] }]],
    ['app=', [{ key: 'app', op: '=', values: [''] }]],
    ['replicas>2,replicas<10', [{ key: 'replicas', op: 'Gt', values: ['2'] }, { key: 'replicas', op: 'Lt', values: ['10'] }]],
    ['example.com/role!=front', [{ key: 'example.com/role', op: '!=', values: ['front'] }]],
    ['', []],
  ])('reads %j', (text, requirements) => {
    expect(parseSelector(text)).toEqual(requirements);
  });

  it.each([
    ['app=web,', "found '', expected: identifier after ','"],
    ['=web', "found '=', expected: !, identifier, or 'end of string'"],
    ['app web', "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt"],
    ['app in (web', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['app in web', "unable to parse requirement: found 'web' expected: '('"],
    ['app in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['!!app', "unable to parse requirement: found '!', expected: identifier"],
    ['app=web)', "found ')', expected: ',' or 'end of string'"],
    ['app=(web)', "unable to parse requirement: found '(', expected: identifier"],
    ['replicas>many', "unable to parse requirement: values[0]: Invalid value: \"many\": for 'Gt', 'Lt' operators, the value must be an integer"],
    ['app=web$', 'unable to parse requirement: values[0]: Invalid value: "web$": a valid label must be an empty string or consist of'],
    ['Ap#p', 'unable to parse requirement: <nil>: Invalid value: "Ap#p": name part must consist of alphanumeric characters'],
  ])('refuses %j as kube-apiserver does', (text, message) => {
    const parsed = parseSelector(text);
    expect(Array.isArray(parsed) ? parsed : parsed.error).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('compares numbers for gt and lt, and never matches a value that is not one', () => {
    const [gt] = parseSelector('replicas>2') as Requirement[];
    const labels: Array<Record<string, string>> = [{ replicas: '3' }, { replicas: '2' }, { replicas: 'x' }, {}];
    expect(labels.map((l) => matches([gt!], l))).toEqual([true, false, false, false]);
  });
});
