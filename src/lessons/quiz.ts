import type { Lessons } from './types.js';

/** Asks one question and resolves with the index of the choice made (a prompt on a terminal, a script in tests). */
export type Ask = (question: string, choices: string[]) => Promise<number>;

/** The quiz: every question in order, each answer judged and explained at once, then the score. */
export async function playQuiz(lessons: Lessons, ask: Ask, write: (text: string) => void): Promise<{ right: number; total: number }> {
  const { quiz } = lessons;
  write(`${quiz.title}\n\n`);
  let right = 0;
  for (const [i, q] of quiz.questions.entries()) {
    const chosen = await ask(`${i + 1}/${quiz.questions.length} · ${q.question}`, q.choices);
    const ok = chosen === q.answer;
    if (ok) right++;
    write(`${ok ? quiz.right : quiz.wrong(q.choices[q.answer])}\n${q.explanation}\n\n`);
  }
  write(`${quiz.score(right, quiz.questions.length)}\n`);
  return { right, total: quiz.questions.length };
}
