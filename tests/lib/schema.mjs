// schema.mjs — a small validator for the subset of OpenAPI 3.0 schemas that
// docs/openapi.json uses: type, nullable, enum, properties, required, additionalProperties,
// items, minimum, maximum, minLength, maxLength, maxItems, pattern, format (date, date-time)
// and $ref into the same document. Any other keyword throws, so that the description
// cannot use something this validator would silently ignore.

const ANNOTATIONS = new Set(['description', 'default', 'example', 'title', 'readOnly', 'writeOnly', 'deprecated']);
const KEYWORDS = new Set(['$ref', 'type', 'nullable', 'enum', 'properties', 'required', 'additionalProperties',
  'items', 'minimum', 'maximum', 'minLength', 'maxLength', 'maxItems', 'pattern', 'format']);
const FORMATS = {
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
};

// The value a JSON pointer ("#/components/schemas/X") names in `doc`.
export function resolveRef(doc, ref) {
  if (!ref.startsWith('#/')) throw new Error(`only local $ref is supported: ${ref}`);
  let node = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) throw new Error(`$ref does not resolve: ${ref}`);
    node = node[key];
  }
  return node;
}

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(type, v) {
  const t = typeOf(v);
  return t === type || (type === 'number' && t === 'integer');
}

// Returns a list of messages, empty when `value` is valid against `schema`.
export function validate(doc, schema, value, path = '$', errors = []) {
  if (schema.$ref) {
    // OpenAPI 3.0: siblings of $ref are ignored, so allow only annotations beside it
    for (const k of Object.keys(schema))
      if (k !== '$ref' && !ANNOTATIONS.has(k)) throw new Error(`${path}: keyword ${k} beside $ref is ignored by OpenAPI 3.0`);
    return validate(doc, resolveRef(doc, schema.$ref), value, path, errors);
  }
  for (const k of Object.keys(schema))
    if (!KEYWORDS.has(k) && !ANNOTATIONS.has(k) && !k.startsWith('x-'))
      throw new Error(`${path}: schema keyword "${k}" is not supported by tests/lib/schema.mjs`);

  if (value === null) {
    if (!schema.nullable) errors.push(`${path}: null is not allowed`);
    return errors;
  }
  if (schema.type && !typeMatches(schema.type, value)) {
    errors.push(`${path}: expected ${schema.type}, got ${typeOf(value)}`);
    return errors;
  }
  if (schema.enum && !schema.enum.some((e) => e === value))
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);

  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: ${value} < minimum ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: ${value} > maximum ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    const len = [...value].length;
    if (schema.minLength !== undefined && len < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && len > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
      errors.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
    if (schema.format !== undefined) {
      const re = FORMATS[schema.format];
      if (!re) throw new Error(`${path}: format "${schema.format}" is not supported`);
      if (!re.test(value)) errors.push(`${path}: ${JSON.stringify(value)} is not a ${schema.format}`);
    }
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((item, i) => validate(doc, schema.items, item, `${path}[${i}]`, errors));
  }
  if (typeOf(value) === 'object') {
    const props = schema.properties || {};
    for (const name of schema.required || [])
      if (!(name in value)) errors.push(`${path}: missing required property "${name}"`);
    for (const [name, v] of Object.entries(value)) {
      if (name in props) validate(doc, props[name], v, `${path}.${name}`, errors);
      else if (schema.additionalProperties === false) errors.push(`${path}: property "${name}" is not in the schema`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
        validate(doc, schema.additionalProperties, v, `${path}.${name}`, errors);
    }
  }
  return errors;
}

// Every {$ref} anywhere in `node`, with where it was found.
export function* refsIn(node, path = '#') {
  if (node === null || typeof node !== 'object') return;
  if (typeof node.$ref === 'string') yield { ref: node.$ref, at: path };
  for (const [k, v] of Object.entries(node)) yield* refsIn(v, `${path}/${k}`);
}
