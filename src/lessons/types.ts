/** One multiple-choice question: the index of the right choice, and why it is right. */
export interface QuizQuestion {
  question: string;
  choices: string[];
  answer: number;
  explanation: string;
}

/** The classroom texts of one language: the quiz and its words. */
export interface Lessons {
  quiz: {
    title: string;
    questions: QuizQuestion[];
    right: string;
    wrong: (answer: string) => string;
    score: (right: number, total: number) => string;
    needsTerminal: string;
  };
}
