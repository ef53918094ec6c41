/** The schema rules: findings made while the model was read from YAML. */
import { parseRule } from './types';

export const yamlSyntax = parseRule('yaml-syntax', 'error', 'The YAML does not parse.');
export const unknownKey = parseRule('unknown-key', 'error', 'A key this format does not define where it stands.');
export const invalidValue = parseRule('invalid-value', 'error', 'A value of the wrong type or outside its allowed set.');
export const missingKey = parseRule('missing-key', 'error', 'A required key is absent.');
