import fc from 'fast-check';

/**
 * JSON as a tree whose objects keep their keys as pairs, so a generated body can carry keys that a
 * JavaScript object cannot hold as its own (`__proto__`), serialized by `toJson` exactly as sent.
 */
export type Json = null | boolean | number | string | Json[] | { pairs: [string, Json][] } | { raw: string };

export function toJson(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if ('raw' in value) return value.raw;
  return `{${value.pairs.map(([key, item]) => `${JSON.stringify(key)}:${toJson(item)}`).join(',')}}`;
}

/** The subset of JSON Schema the OpenAPI document uses for parameters and bodies. */
export interface Schema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  enum?: Json[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
}

const MB = 1024 * 1024;

/** Strings an attacker sends: control and invisible characters, broken UTF-16, huge, and the classics. */
export const hostileString = fc.oneof(
  fc.constantFrom(
    'before\u0000after',
    '\u0000',
    '\ud800',
    'tail\udfff',
    '\udc00\ud800',
    '\u202ecod.exe\u202c',
    '\u2066\u2067\u2068\u2069',
    '\ufeff\u200b\u200d',
    "'; drop table users; --",
    '" or 1=1 --',
    '../../../../etc/passwd',
    '%00%2e%2e%2f',
    '<script>window.__xss=1</script>',
    '=HYPERLINK("http://evil.example")',
    "-2+3+cmd|' /C calc'!A0",
    '\u0024{7*7}{{7*7}}',
    '\r\nSet-Cookie: injected=1',
    'ǅ\u0301\u0301\u0301\u0301\u0301',
    '9'.repeat(400),
    '-0',
    'NaN',
  ),
  fc.constant('x'.repeat(MB)),
  fc.constant('\u00e9'.repeat(MB / 2)),
);

/** Values that are the wrong kind for whatever the schema wants. */
export const wrongKind: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53 + 1, 0.5),
  fc.constant([] as Json[]),
  fc.constant({ pairs: [] } as Json),
  hostileString,
);

/** Objects with keys that pollute prototypes if merged carelessly. */
export const pollutingPairs: fc.Arbitrary<[string, Json][]> = fc.constantFrom<[string, Json][]>(
  [['__proto__', { pairs: [['polluted', 'yes']] }]],
  [['constructor', { pairs: [['prototype', { pairs: [['polluted', 'yes']] }]] }]],
  [
    [
      '__proto__',
      {
        pairs: [
          ['isAdmin', true],
          ['role', 'ADMIN'],
        ],
      },
    ],
  ],
  [['prototype', { pairs: [['polluted', 'yes']] }]],
);

/** Arrays or objects nested deeper than any parser should walk (as text: too deep to build as values). */
export const deepNesting: fc.Arbitrary<Json> = fc
  .tuple(fc.constantFrom(33, 500, 5000, 100_000), fc.boolean())
  .map(([depth, arrays]) => ({
    raw: arrays ? `${'['.repeat(depth)}0${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}`,
  }));

const isoDate = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true });

/** A value the schema accepts (as far as JSON Schema says; rules beyond it are the API's to refuse). */
export function validValue(schema: Schema, ids: readonly string[]): fc.Arbitrary<Json> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object':
      return objectOf(schema, (property) => validValue(property, ids));
    case 'array': {
      const items = schema.items ? validValue(schema.items, ids) : fc.constant(null);
      return fc.array(items, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    }
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1000, -1e9), max: Math.min(schema.maximum ?? 1000, 1e9) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return validString(schema, ids);
  }
}

function validString(schema: Schema, ids: readonly string[]): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return ids.length > 0 ? fc.oneof(fc.constantFrom(...ids), fc.uuid()) : fc.uuid();
    case 'date-time':
      return isoDate.map((date) => date.toISOString());
    case 'date':
      return isoDate.map((date) => date.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
  }
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((value) => value.length <= (schema.maxLength ?? 200));
    } catch {
      // A pattern JavaScript cannot compile: plain text below.
    }
  }
  const minLength = schema.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 40, 40)) });
}

/** A value of the schema whose strings are now and then hostile, and whose arrays now and then nest without end. */
export function hostileValue(schema: Schema, ids: readonly string[]): fc.Arbitrary<Json> {
  switch (schema.type) {
    case 'object':
      return objectOf(schema, (property) => hostileValue(property, ids));
    case 'array':
      return fc.oneof(validValue(schema, ids), deepNesting, fc.array(hostileString, { minLength: 1, maxLength: 2 }));
    case 'string':
    case undefined:
      return schema.enum ? validValue(schema, ids) : fc.oneof(validValue(schema, ids), hostileString);
    default:
      return validValue(schema, ids);
  }
}

/** A value just outside what the schema allows: one past a limit, the wrong kind, a stray key. */
export function nearValidValue(schema: Schema, ids: readonly string[]): fc.Arbitrary<Json> {
  const edges: fc.Arbitrary<Json>[] = [wrongKind];
  if (schema.maxLength !== undefined) edges.push(fc.constant('y'.repeat(schema.maxLength + 1)));
  if (schema.minLength) edges.push(fc.constant('y'.repeat(schema.minLength - 1)));
  if (schema.maximum !== undefined && schema.maximum < 2 ** 53) edges.push(fc.constant(schema.maximum + 1));
  if (schema.minimum !== undefined) edges.push(fc.constant(schema.minimum - 1));
  if (schema.type === 'integer') edges.push(fc.constant(1.5));
  if (schema.enum) edges.push(fc.constant(`${String(schema.enum[0])}x`));
  if (schema.format) edges.push(fc.constantFrom('2026-02-30', '2026-13-01T25:61:00Z', 'not-a-uuid', '00000000-0000'));
  if (schema.type === 'object') {
    edges.push(objectOf(schema, (property) => nearValidValue(property, ids)));
    edges.push(objectOf(schema, (property) => validValue(property, ids), 'drop-required'));
  }
  if (schema.type === 'array')
    edges.push(fc.constant(Array.from({ length: (schema.maxItems ?? 1000) + 1 }, () => null)));
  return fc.oneof(...edges);
}

/** An object of the schema: required keys always (unless dropped), optional ones sometimes, now and then extra or polluting ones. */
function objectOf(
  schema: Schema,
  property: (schema: Schema) => fc.Arbitrary<Json>,
  mode: 'whole' | 'drop-required' = 'whole',
): fc.Arbitrary<Json> {
  const entries = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const fields = entries.map(([key, child]) =>
    fc
      .tuple(
        mode === 'drop-required' ? fc.boolean() : required.has(key) ? fc.constant(true) : fc.boolean(),
        property(child),
      )
      .map(([present, value]): [string, Json][] => (present ? [[key, value]] : [])),
  );
  const extras = fc.oneof(
    { weight: 6, arbitrary: fc.constant<[string, Json][]>([]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.string({ maxLength: 12 }), wrongKind)
        .map(([key, value]): [string, Json][] => [[key, value]]),
    },
    { weight: 1, arbitrary: pollutingPairs },
  );
  return fc.tuple(fc.tuple(...fields), extras).map(([present, extra]) => ({ pairs: [...present.flat(), ...extra] }));
}
