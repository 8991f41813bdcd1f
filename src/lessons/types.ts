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
export type TopicName = 'control-plane' | 'apiserver' | 'etcd' | 'scheduler' | 'controllers' | 'kubelet' | 'kube-proxy' | 'pods' | 'services' | 'storage' | 'config';

/** The classroom texts of one language: lessons, the quiz and their words. */
export interface Lessons {
  learn: {
    intro: string;
    tryIt: string;
    unknown: (topic: string) => string;
    topics: Record<TopicName, Topic>;
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
