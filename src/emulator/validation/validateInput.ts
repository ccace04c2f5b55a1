import { errors } from '../protocol/awsErrors';
import type { Shape, StructureShape } from './shapes';

/**
 * Checks an input against its shape as AWS does: a JSON value of the wrong kind is a
 * SerializationException; constraint failures are collected and answered together as
 * InvalidParametersException ("2 validation errors detected: ...").
 */
export function validateInput(input: unknown, shape: StructureShape): void {
  const violations: string[] = [];
  checkValue(input, shape, '', violations);
  if (violations.length > 0) {
    const count = violations.length;
    throw errors.invalidParameters(`${count} validation error${count === 1 ? '' : 's'} detected: ${violations.join('; ')}`);
  }
}

function checkValue(value: unknown, shape: Shape, path: string, violations: string[]): void {
  switch (shape.type) {
    case 'structure': {
      const object = expectObject(value, path);
      for (const name of shape.required ?? []) {
        if (object[name] === undefined || object[name] === null) violations.push(`Value null at '${memberPath(path, name)}' failed to satisfy constraint: Member must not be null`);
      }
      for (const [name, memberShape] of Object.entries(shape.members)) {
        const member = object[name];
        if (member !== undefined && member !== null) checkValue(member, memberShape, memberPath(path, name), violations);
      }
      return;
    }
    case 'map': {
      const object = expectObject(value, path);
      const entries = Object.entries(object);
      checkCount(entries.length, shape, value, path, violations);
      for (const [key, member] of entries) {
        const keyViolations: string[] = [];
        checkValue(key, shape.key, path, keyViolations);
        for (const v of keyViolations) violations.push(v.replace('Member must', 'Map keys must'));
        if (member === null) violations.push(`Value null at '${path}.${key}' failed to satisfy constraint: Member must not be null`);
        else checkValue(member, shape.value, `${path}.${key}`, violations);
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) throw serializationError(value, 'a list', path);
      checkCount(value.length, shape, value, path, violations);
      value.forEach((member, i) => {
        if (member === null) violations.push(`Value null at '${path}.${i + 1}' failed to satisfy constraint: Member must not be null`);
        else checkValue(member, shape.member, `${path}.${i + 1}`, violations);
      });
      return;
    }
    case 'string': {
      if (typeof value !== 'string') throw serializationError(value, 'a String', path);
      const length = [...value].length;
      if (shape.min !== undefined && length < shape.min) violations.push(violation(value, path, `Member must have length greater than or equal to ${shape.min}`));
      if (shape.max !== undefined && length > shape.max) violations.push(violation(value, path, `Member must have length less than or equal to ${shape.max}`));
      // AWS validates patterns against the whole value (Java's Pattern.matches), not as a substring search.
      if (shape.pattern !== undefined && !new RegExp(`^(?:${shape.pattern})$`, 'u').test(value)) {
        violations.push(violation(value, path, `Member must satisfy regular expression pattern: ${shape.pattern}`));
      }
      if (shape.enum && !shape.enum.includes(value)) violations.push(violation(value, path, `Member must satisfy enum value set: [${shape.enum.join(', ')}]`));
      return;
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw serializationError(value, 'an Integer', path);
      if (shape.min !== undefined && value < shape.min) violations.push(violation(value, path, `Member must have value greater than or equal to ${shape.min}`));
      if (shape.max !== undefined && value > shape.max) violations.push(violation(value, path, `Member must have value less than or equal to ${shape.max}`));
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw serializationError(value, 'a Boolean', path);
      return;
  }
}

function expectObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw serializationError(value, 'a structure', path);
  return value as Record<string, unknown>;
}

function checkCount(count: number, shape: { min?: number; max?: number }, value: unknown, path: string, violations: string[]): void {
  if (shape.min !== undefined && count < shape.min) violations.push(violation(value, path, `Member must have length greater than or equal to ${shape.min}`));
  if (shape.max !== undefined && count > shape.max) violations.push(violation(value, path, `Member must have length less than or equal to ${shape.max}`));
}

// Coral names members in lowerCamelCase in its messages: 'accessLevelFilter.key'.
function memberPath(path: string, name: string): string {
  const camel = name.charAt(0).toLowerCase() + name.slice(1);
  return path ? `${path}.${camel}` : camel;
}

function violation(value: unknown, path: string, constraint: string): string {
  return `Value '${formatValue(value)}' at '${path}' failed to satisfy constraint: ${constraint}`;
}

function formatValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function serializationError(value: unknown, expected: string, path: string) {
  const where = path ? ` (at '${path}')` : '';
  if (Array.isArray(value)) return errors.serialization(`Start of list found where not expected${where}`);
  if (typeof value === 'object' && value !== null) return errors.serialization(`Start of structure or map found where not expected${where}`);
  const kind = typeof value === 'string' ? 'STRING_VALUE' : typeof value === 'number' ? 'NUMBER_VALUE' : 'BOOLEAN_VALUE';
  return errors.serialization(`${kind} can not be converted to ${expected}${where}`);
}
