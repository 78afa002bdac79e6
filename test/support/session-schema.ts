/** A validator for one session record, compiled from the documented JSON Schema in docs/. */
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';

export function sessionRecordValidator() {
  const schema = JSON.parse(
    readFileSync(new URL('../../docs/session-format.schema.json', import.meta.url), 'utf8'),
  );
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}
