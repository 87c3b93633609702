import type { ErrorObject, ValidateFunction } from 'ajv';
import schema from '../../../schema/strata.schema.json';
import { validate as generatedValidator } from './schemaValidator.generated';
import { didYouMean } from './didYouMean';
import { keyName, tomlTypeOf } from './keyName';
import type { TextRange } from './configProblem';
import { toPointer, type TomlDocument } from './tomlDocument';

/** The JSON Schema of the config file: the one source of the keys, their types and their docs. */
export const strataSchema = schema;

/** The schema's validator, compiled ahead of time (scripts/generate-schema-validator.mjs): no run pays Ajv's compile. */
const validator = generatedValidator as ValidateFunction;

/** One problem the schema finds, at the key (unknown keys) or value (wrong types) it is about. */
export interface SchemaProblem {
  range: TextRange | undefined;
  message: string;
}

/** Checks the config's keys and types against the schema; every problem, each said in the file's terms. */
export function validateSchema(document: TomlDocument): SchemaProblem[] {
  if (validator(document.value)) return [];
  const all = validator.errors ?? [];
  const errors = all.filter((e) => !isImpliedByAnother(e, all));
  return errors.map((error) => describe(error, document));
}

/** `enum` also fails when the type is wrong; the type error says enough. */
function isImpliedByAnother(error: ErrorObject, all: ErrorObject[]): boolean {
  return error.keyword === 'enum' && all.some((e) => e.keyword === 'type' && e.instancePath === error.instancePath);
}

function describe(error: ErrorObject, document: TomlDocument): SchemaProblem {
  const where = error.instancePath;
  const name = keyName(where, document.value);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      const inTable = name === '' ? '' : ` in ${name}`;
      const hint = didYouMean(key, known) || (known.length ? ` (keys: ${known.join(', ')})` : '');
      return { range: document.keyRange(where + toPointer([key])), message: `unknown key '${key}'${inTable}${hint}` };
    }
    case 'type': {
      const expected = tomlTypeName((error.params as { type: string }).type);
      return { range: document.valueRange(where), message: `${name} must be ${expected}, not ${tomlTypeOf(error.data)}` };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const written = String(error.data);
      if (where === '/extends') {
        return {
          range: document.valueRange(where),
          message: `unknown preset '${written}' in extends${didYouMean(written, allowed)} (built-in presets: ${allowed.join(', ')})`,
        };
      }
      return { range: document.valueRange(where), message: `${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, not '${written}'${didYouMean(written, allowed)}` };
    }
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      return { range: document.valueRange(where), message: `${name} needs the key '${missing}'` };
    }
    case 'minLength':
      return { range: document.valueRange(where), message: `${name} must not be empty` };
    case 'minProperties': {
      const keys = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      return { range: document.valueRange(where), message: `${name} must give at least one of ${keys.join(', ')}` };
    }
    case 'minimum':
      return { range: document.valueRange(where), message: `${name} must be at least ${(error.params as { limit: number }).limit}` };
    default:
      return { range: document.valueRange(where), message: `${name || 'the config'} ${error.message ?? 'is invalid'}` };
  }
}

function tomlTypeName(jsonType: string): string {
  switch (jsonType) {
    case 'object':
      return 'a table';
    case 'array':
      return 'an array';
    case 'integer':
      return 'an integer';
    default:
      return `a ${jsonType}`;
  }
}
