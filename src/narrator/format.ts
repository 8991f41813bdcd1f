/** Numbers and sizes the French way (2,4 s; 94,8 Mo) or the English way (2.4 s; 94.8 MB). */
export function seconds(ms: number, lang: 'fr' | 'en'): string {
  const s = (ms / 1000).toFixed(1);
  return `${lang === 'fr' ? s.replace('.', ',') : s} s`;
}

export function megabytes(bytes: number, lang: 'fr' | 'en'): string {
  const mb = (bytes / 1e6).toFixed(1);
  return lang === 'fr' ? `${mb.replace('.', ',')} Mo` : `${mb} MB`;
}

export function list(items: string[], lang: 'fr' | 'en'): string {
  if (items.length <= 1) return items.join('');
  const and = lang === 'fr' ? ' et ' : ' and ';
  return `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`;
}

export function shortList(items: string[], max = 3): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')}, … (+${items.length - max})`;
}

export interface Scored {
  plugin: string;
  score: number;
  weight: number;
}

/** `NodeResourcesFit 91×1 + …`: a node's total, plugin by plugin. */
export function breakdown(scores: Scored[]): string {
  return scores.map((s) => `${s.plugin} ${s.score}×${s.weight}`).join(' + ');
}

/** The plugins whose weighted scores separate the winner from the runner-up, biggest gap first. */
export function decisive(winner: Scored[], runnerUp: Scored[]): Array<{ plugin: string; gap: number }> {
  return winner
    .map((s) => ({ plugin: s.plugin, gap: (s.score - (runnerUp.find((r) => r.plugin === s.plugin)?.score ?? 0)) * s.weight }))
    .filter((d) => d.gap !== 0)
    .sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap));
}
