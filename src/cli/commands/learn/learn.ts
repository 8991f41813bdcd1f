import type { TopicName } from '../../../lessons/types.js';
import type { Streams } from '../../../narrator/render/renderer.js';
import type { Env } from '../../env.js';
import { clientError, type CommandError } from '../../errors.js';

/** `kubesim learn [TOPIC]`: the list of topics, or one short lesson with commands to try. */
export async function runLearn(env: Env, streams: Streams, topic: string | undefined): Promise<CommandError[]> {
  const { learn } = (await import('../../../narrator/narrate.js')).CATALOGS[env.lang].lessons;
  if (!topic) {
    const width = Math.max(...Object.keys(learn.topics).map((k) => k.length));
    const list = Object.entries(learn.topics).map(([k, t]) => `  ${k.padEnd(width)}  ${t.title}`);
    streams.out.write(`${learn.intro}\n\n${list.join('\n')}\n`);
    return [];
  }
  const t = learn.topics[topic as TopicName];
  if (!t) return [clientError(learn.unknown(topic), 'usage', { detail: 'kubesim learn scheduler' })];
  streams.out.write(`📘 ${t.title}\n\n${t.text}\n\n${learn.tryIt}\n${t.tryIt.map((c) => `  ${c}`).join('\n')}\n`);
  return [];
}
