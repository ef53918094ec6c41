/**
 * The lesson checklist shown above the `lesson:` key: a headline (which task,
 * how much is done), then one title per item, ticked when the design has it.
 */
import type { Analysis } from '../analyze';
import { checklist, LESSON_SPECS, lessonNumber } from '../lessons/checklist';
import { LESSONS } from '../vocabulary';

export interface LessonLens {
  /** Where the lens stands: the `lesson` key. */
  readonly offset: number;
  readonly titles: readonly string[];
}

export const DONE_MARK = '✓';
export const TODO_MARK = '○';

/** The checklist lens of a design that declares a (valid) lesson; undefined otherwise. */
export function lessonLens(a: Analysis): LessonLens | undefined {
  const field = a.design.lesson;
  if (!field) return undefined;
  const spec = LESSON_SPECS[field.value];
  const items = checklist(a.topology, field.value);
  const done = items.filter((i) => i.done).length;
  const head = `Lesson ${lessonNumber(spec.id)} of ${LESSONS.length}, ${spec.title}: ${done === items.length ? 'all done' : `${done} of ${items.length} done`}`;
  const titles = items.map((i) => `${i.done ? DONE_MARK : TODO_MARK} ${i.label}${!i.done && i.progress ? ` (${i.progress})` : ''}`);
  return { offset: field.key.start, titles: [head, ...titles] };
}
