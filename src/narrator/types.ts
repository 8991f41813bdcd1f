import type { Actor, EventOf, SimEvent, SimEventKind } from '../events/types.js';
import type { ViewLabels } from '../printers/view/cluster-view.js';

/** The six steps of the seed scenario; each narrated line belongs to one, or to none (the simulator itself). */
export type Step = 1 | 2 | 3 | 4 | 5 | 6;

export interface NarrationLine {
  emoji: string;
  text: string;
  step?: Step;
  /** A line that starts a wait the TTY shows as a spinner (image pulls...). */
  waits?: boolean;
  /** With --analogies: the classroom analogy for the component speaking, the first time it speaks. */
  analogy?: string;
}

/** What the catalog knows besides the event: who sent the request being handled, to narrate only the user's. */
export interface NarrationContext {
  /** The client of the request whose pipeline events are being narrated. */
  requestClient?: string;
}

/** One phrase per event kind: adding a kind without a phrase does not compile. */
export type Catalog = {
  [K in SimEventKind]: (e: EventOf<K>, ctx: NarrationContext) => NarrationLine | null;
};

/** Why a command failed, as the CLI classifies it for the explanation line under kubectl's own message. */
export type ErrorCode =
  | 'no-file'
  | 'no-manifests'
  | 'url'
  | 'yaml'
  | 'bomb'
  | 'not-object'
  | 'missing-kind'
  | 'unknown-kind'
  | 'not-simulated'
  | 'generate-name'
  | 'apply-conflict'
  | 'no-objects'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'RequestEntityTooLarge'
  | 'overwrite'
  | 'usage'
  | 'source'
  | 'precondition'
  | 'timed-out'
  | 'watch-one'
  | 'unknown-resource'
  | 'selector'
  | 'field-selector'
  | 'no-field'
  | 'locked'
  | 'store-invalid'
  | 'store-unreachable'
  | 'store-foreign'
  | 'state-unreadable'
  | 'home-unwritable'
  | 'lock-lost'
  | 'network'
  | 'exec'
  | 'internal'
  | 'context'
  | 'kubeconfig'
  | 'edit'
  | 'metrics';

export type ErrorArgs = Record<string, string | number | undefined>;

/** The CLI's own sentences (everything that is not an event). */
export interface Messages {
  stepTitles: Record<Step, string>;
  dbHint: string;
  /** On a terminal, while a long run computes: pods Running out of all, virtual seconds so far. */
  progress: (running: number, pods: number, seconds: number) => string;
  /** On the same line, once such a run is over: the state is being written (1.2 GB for 150,000 pods). */
  saving: string;
  /**
   * On that line too, while a big saved state is read (megabytes): before a command that writes runs, or until a read's
   * answer when its output goes to the terminal.
   */
  loading: (megabytes: number) => string;
  /** When pods are many: how many more lines like the last one were left out. */
  /** `pods`: the lines left out told the same step for other pods (else: the same object again). */
  folded: (count: number, last: string, pods: boolean) => string;
  /** `auth can-i`: which binding allows it, or why nothing does. */
  canI: { allowed: (user: string, via: string) => string; denied: (user: string, what: string) => string };
  /** `config`: what a context is for, told as kubesim's kubeconfig changes (or is shown). */
  kubeconfig: {
    namespace: (context: string, namespace: string) => string;
    switched: (context: string, cluster: string, namespace: string) => string;
    view: string;
  };
  /** `diff`, once it has shown differences: what the two sides are. */
  diff: string;
  /** kubectl port-forward started: the pod (namespace/name), its node, the ports (`8080 → 80`). */
  portForward: (pod: string, node: string, ports: string) => string;
  /** The words of `cluster view`. */
  view: ViewLabels;
  /** The continuing-education department's picture of each component (--analogies). */
  analogies: Record<Exclude<Actor, 'simulator'>, string>;
  /** One sentence per kind of failure, shown under kubectl's own error text. */
  explain: Record<ErrorCode, (a: ErrorArgs) => string>;
}

export type { SimEvent };
