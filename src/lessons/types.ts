/** One multiple-choice question: the index of the right choice, and why it is right. */
export interface QuizQuestion {
  question: string;
  choices: string[];
  answer: number;
  explanation: string;
}

/** A short lesson: what the thing is, what it does in the seed scenario, its analogy, a command to try. */
export interface Topic {
  title: string;
  text: string;
  tryIt: string[];
}

/** The topics of `kubesim learn`, the same keys in every language. */
export type TopicName = 'control-plane' | 'apiserver' | 'etcd' | 'scheduler' | 'controllers' | 'kubelet' | 'kube-proxy' | 'pods' | 'jobs' | 'services' | 'storage' | 'config';

/**
 * One step of a tutorial: what to notice, then (usually) a kubesim command to type. `{node:SELECTOR}` in a command
 * stands for the node of the first pod matching the label selector, filled in when the step comes.
 */
export interface TutorialStep {
  text: string;
  command?: string;
}

export type TutorialName = 'deploy' | 'control-plane' | 'pods' | 'story-1' | 'story-2' | 'bases';

export interface Tutorial {
  title: string;
  steps: TutorialStep[];
}

/** The classroom texts of one language: lessons, tutorials, the quiz and their words. */
export interface Lessons {
  menu: {
    message: string;
    deploy: string;
    pods: string;
    breakIt: string;
    tutorial: string;
    quiz: string;
    quit: string;
  };
  tutorial: {
    intro: string;
    cluster: (name: string) => string;
    typeIt: string;
    next: string;
    wrong: (expected: string) => string;
    done: (title: string) => string;
    unknown: (name: string) => string;
    needsTerminal: string;
    tutorials: Record<TutorialName, Tutorial>;
  };
  learn: {
    intro: string;
    tryIt: string;
    unknown: (topic: string) => string;
    topics: Record<TopicName, Topic>;
  };
  /** The stderr side of `kubesim explain`: where kubectl's text comes from, and the meaning of what a class meets first. */
  explain: {
    source: (path: string) => string;
    /** One sentence per served kind (Pod, Deployment…). */
    kinds: Record<string, string>;
    /** One sentence per field, keyed by the type that holds it: `PodSpec.restartPolicy`. */
    fields: Record<string, string>;
  };
  quiz: {
    title: string;
    questions: QuizQuestion[];
    right: string;
    wrong: (answer: string) => string;
    score: (right: number, total: number) => string;
    needsTerminal: string;
  };
}
