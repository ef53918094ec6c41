/**
 * The lesson checklist shown above the `lesson:` key: a headline (which task,
 * how much is done), the items done in one ticked title, then one title per
 * item still to do. An item moves from the open ones to the ticked one as
 * soon as the design has it (the ticked title comes first so that it stays in
 * view on a narrow editor).
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
  const titles = [head, ...(done.length ? [`${DONE_MARK} ${done.map((i) => i.label).join(', ')}`] : []), ...items.filter((i) => !i.done).map(line)];
  return { offset: field.key.start, titles, tooltip: [`What ${spec.title} asks for:`, ...items.map(line)].join('\n') };
}
