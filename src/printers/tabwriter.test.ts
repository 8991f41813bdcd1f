import { describe, expect, it } from 'vitest';
import { DESCRIBE, table, tabwrite } from './tabwriter.js';

describe('tabwriter', () => {
  it('pads every column but the last to the widest cell + 3 (kubectl get)', () => {
    expect(table([['NAME', 'READY', 'STATUS'], ['nginx-7854ff8877-2xq9k', '1/1', 'Running']])).toBe(
      'NAME                     READY   STATUS\nnginx-7854ff8877-2xq9k   1/1     Running\n',
    );
  });

  it('gives short columns the minimum width 6', () => {
    expect(table([['A', 'B'], ['x', 'y']])).toBe('A     B\nx     y\n');
  });

  it('aligns describe columns per block of consecutive tabbed lines', () => {
    const text = 'Name:\tnginx\nIPs:\n  IP:\t10.244.1.2\nControlled By:\tReplicaSet/x\n';
    expect(tabwrite(text, DESCRIBE)).toBe('Name:  nginx\nIPs:\n  IP:           10.244.1.2\nControlled By:  ReplicaSet/x\n');
  });

  it('keeps trailing cells as written (describe conditions end with a space)', () => {
    expect(tabwrite('  Type\tStatus\n  Ready \tTrue \n', DESCRIBE)).toBe('  Type    Status\n  Ready   True \n');
  });
});
