import fc from 'fast-check';
import { hostileString, hostileValue, type Json, nearValidValue, type Schema, toJson, validValue } from './values';

export type Caller = 'ADMIN' | 'SUPERVISOR' | 'WORKER' | 'CLIENT' | 'ANONYMOUS';
export type Mode = 'valid' | 'near-valid' | 'hostile';

export interface Operation {
  method: string;
  path: string;
  parameters: Array<{ in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: Schema }>;
  body: Schema | null;
}

export interface FuzzRequest {
  caller: Caller;
  mode: Mode;
  url: string;
  body: string | undefined;
}

/** Every operation of the OpenAPI document with its parameters and JSON body schema. */
export function operationsOf(document: { paths?: Record<string, Record<string, unknown>> }): Operation[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, raw]) => {
      const operation = raw as {
        parameters?: Operation['parameters'];
        requestBody?: { content?: Record<string, { schema: Schema }> };
      };
      return {
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        body: operation.requestBody?.content?.['application/json']?.schema ?? null,
      };
    }),
  );
}

/** Percent-encodes a string as a raw client would, lone surrogates as their WTF-8 bytes (which no UTF-8 decoder accepts). */
export function encodeRaw(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      const bytes = [0xed, 0xa0 | ((code >> 6) & 0x0f), 0x80 | (code & 0x3f)];
      out += bytes.map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    } else out += encodeURIComponent(char);
  }
  return out;
}

const asText = (value: Json): string => (typeof value === 'string' ? value : toJson(value));
/** URL parts stay below what an HTTP server takes in a request line (the megabyte strings go in bodies). */
const urlHostile = hostileString.filter((value) => value.length <= 8192);

/** Valid, near-valid and hostile requests for one operation, from its schemas and the ids of a seeded world. */
export function requestsFor(operation: Operation, ids: readonly string[]): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(
      fc.constantFrom<Caller>('ADMIN', 'SUPERVISOR', 'WORKER', 'CLIENT', 'ANONYMOUS'),
      fc.constantFrom<Mode>('valid', 'near-valid', 'hostile'),
    )
    .chain(([caller, mode]) => {
      const value = (schema: Schema) =>
        mode === 'valid'
          ? validValue(schema, ids)
          : mode === 'hostile'
            ? hostileValue(schema, ids)
            : nearValidValue(schema, ids);
      const pathParams = operation.parameters.filter((parameter) => parameter.in === 'path');
      const query = operation.parameters.filter((parameter) => parameter.in === 'query');
      const pathValue = (schema: Schema) =>
        mode === 'hostile' ? fc.oneof(validValue(schema, ids), urlHostile) : value(schema).map(asText);
      const queryValue = (schema: Schema) =>
        mode === 'hostile' && schema.type !== 'integer'
          ? fc.oneof(validValue(schema, ids).map(asText), urlHostile)
          : value(schema).map(asText);
      return fc
        .record({
          caller: fc.constant(caller),
          mode: fc.constant(mode),
          path: fc.tuple(...pathParams.map((parameter) => pathValue(parameter.schema).map(asText))),
          query: fc.tuple(
            ...query.map((parameter) =>
              fc.option(queryValue(parameter.schema), { nil: undefined, freq: parameter.required ? 20 : 2 }),
            ),
          ),
          body: operation.body ? value(operation.body).map(toJson) : fc.constant(undefined),
        })
        .map(({ caller, mode, path, query: values, body }) => {
          let url = operation.path;
          pathParams.forEach((parameter, index) => {
            url = url.replace(`{${parameter.name}}`, encodeRaw(String(path[index])));
          });
          const pairs = query.flatMap((parameter, index) =>
            values[index] === undefined
              ? []
              : [`${encodeURIComponent(parameter.name)}=${encodeRaw(String(values[index]))}`],
          );
          return { caller, mode, url: pairs.length > 0 ? `${url}?${pairs.join('&')}` : url, body };
        });
    });
}
