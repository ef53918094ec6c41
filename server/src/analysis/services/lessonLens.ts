/**
 * The lesson checklist shown above the `lesson:` key, kept short enough for a
 * narrow editor (about 1000 px): a headline (which task, how much is done)
 * and the next item still to do, with how many follow it. The whole
 * checklist, each item ticked or open, is the tooltip of both.
 */
import type { Analysis } from '../analyze';
import { ChecklistEntry, checklist, LESSON_SPECS, lessonNumber } from '../lessons/checklist';
import { LESSONS } from '../vocabulary';

export interface LessonLens {
  /** Where the lens stands: the `lesson` key. */
  readonly offset: number;
  readonly titles: readonly string[];
  /** The whole checklist, one item a line, for the headline's tooltip. */
  readonly tooltip: string;
}

export const DONE_MARK = '✓';
export const TODO_MARK = '○';

const line = (i: ChecklistEntry): string => `${i.done ? DONE_MARK : TODO_MARK} ${i.label}${!i.done && i.progress ? ` (${i.progress})` : ''}`;

/** The checklist lens of a design that declares a (valid) lesson; undefined otherwise. */
export function lessonLens(a: Analysis): LessonLens | undefined {
  const field = a.design.lesson;
  if (!field) return undefined;
  const spec = LESSON_SPECS[field.value];
  const items = checklist(a.topology, field.value);
  const done = items.filter((i) => i.done);
  const head = `Lesson ${lessonNumber(spec.id)} of ${LESSONS.length}, ${spec.title}: ${done.length === items.length ? 'all done' : `${done.length} of ${items.length} done`}`;
  const todo = items.filter((i) => !i.done);
  const next = todo[0];
  const titles = next ? [head, `${TODO_MARK} next: ${line(next).slice(TODO_MARK.length + 1)}${todo.length > 1 ? `, then ${todo.length - 1} more` : ''}`] : [head];
  return { offset: field.key.start, titles, tooltip: [`What ${spec.title} asks for:`, ...items.map(line)].join('\n') };
}
