import { describe, expect, it } from 'vitest';
import { EventLog } from './sink.js';

describe('the event log', () => {
  it('is detailed while some listener reads every event in full, not only summaries', () => {
    const log = new EventLog(() => 0);
    expect([log.listening, log.detailed]).toEqual([false, false]);
    expect(log.tellsChecksOf('kubectl')).toBe(false);
    const narrator: string[] = [];
    log.subscribe((e) => narrator.push(e.kind), { summaries: true });
    expect([log.listening, log.detailed]).toEqual([true, false]);
    expect([log.tellsChecksOf('kubectl'), log.tellsChecksOf('kubelet')]).toEqual([true, false]);
    log.subscribe(() => {});
    expect(log.detailed).toBe(true);
    expect(log.tellsChecksOf('kubelet')).toBe(true);
    log.emit('scheduler', { kind: 'scheduler.failed', pod: { kind: 'Pod', namespace: 'default', name: 'web' }, message: 'no nodes' });
    expect(narrator).toEqual(['scheduler.failed']);
  });
});
