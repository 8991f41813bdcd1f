import type { SimEvent } from '../events/types.js';
import { en, enMessages } from './catalogs/en.js';
import { fr, frMessages } from './catalogs/fr.js';
import { enLessons } from './catalogs/lessons/en.js';
import { frLessons } from './catalogs/lessons/fr.js';
import type { Lessons } from '../lessons/types.js';
import type { Catalog, Messages, NarrationContext, NarrationLine } from './types.js';

export type Lang = 'fr' | 'en';

export const CATALOGS: Record<Lang, { catalog: Catalog; messages: Messages; lessons: Lessons }> = {
  fr: { catalog: fr, messages: frMessages, lessons: frLessons },
  en: { catalog: en, messages: enMessages, lessons: enLessons },
};

/**
 * Turns events into narration lines. It remembers which client sent the request being handled, so the API
 * Server's checks are told for the user's own requests and not for every controller write.
 */
export class Narrator {
  private readonly ctx: NarrationContext = {};
  private readonly introduced = new Set<string>();

  /** @param analogies given with --analogies: each component's analogy joins its first line */
  constructor(
    private readonly catalog: Catalog,
    private readonly analogies?: Messages['analogies'],
  ) {}

  line(e: SimEvent): NarrationLine | null {
    if (e.kind === 'request.sent') {
      // reads (kubectl apply's GET before its PATCH, get, describe) are not part of the story
      const read = e.verb === 'get' || e.verb === 'list';
      this.ctx.requestClient = read ? `${e.client}:read` : e.client;
      if (read) return null;
    }
    const phrase = this.catalog[e.kind] as (e: SimEvent, ctx: NarrationContext) => NarrationLine | null;
    const line = phrase(e, this.ctx);
    if (!line || !this.analogies || e.actor === 'simulator' || this.introduced.has(e.actor)) return line;
    this.introduced.add(e.actor);
    return { ...line, analogy: this.analogies[e.actor] };
  }
}
