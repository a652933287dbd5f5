/**
 * How kubectl's YAML parser reads a plain (unquoted, untagged) scalar. kubectl decodes manifests with
 * sigs.k8s.io/yaml, which runs go.yaml.in/yaml/v2 (v2.4.2, go.mod of kubernetes-sigs/yaml) into interface{}:
 * a YAML 1.1 reader, so it differs from the YAML 1.2 parser the service uses. Restated from go-yaml v2.4.2
 * resolve.go (`resolve`, its resolveMap and resolveTable) and decode.go (timestamps decode into interface{}
 * as strings):
 * - booleans: y/Y/yes/Yes/YES, n/N/no/No/NO, on/On/ON, off/Off/OFF, true/True/TRUE, false/False/FALSE;
 * - null: empty, `~`, null/Null/NULL; `.inf`/`.nan` in their three spellings (signed for inf): floats;
 * - from a digit or a sign: underscores removed, then Go's strconv.ParseInt/ParseUint with base 0 (0x, 0o,
 *   0b prefixes, a leading 0 is octal), then the float form `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`,
 *   then `0b`/`-0b` binary; anything else is a string (base-60 `12:30` is deliberately not supported);
 * - from `.`: a Go float (`.5`), else a string; from any other character: a string.
 */
export type GoYamlType = 'string' | 'boolean' | 'null' | 'number';

const BOOL = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'on',
  'On',
  'ON',
  'off',
  'Off',
  'OFF',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
]);
const NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** Go's integer literal with base 0 (sign, prefix, digits); range checked separately. */
const GO_INT = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;

const INT64_MIN = -(2n ** 63n),
  UINT64_MAX = 2n ** 64n - 1n;

function goParseInt(s: string): boolean {
  const m = GO_INT.exec(s);
  if (!m) return false;
  const body = m[2];
  const digits = /^0[oO]/.test(body) ? '0o' + body.slice(2) : /^0[0-7]+$/.test(body) ? '0o' + body.slice(1) : body.toLowerCase();
  const v = BigInt(digits) * (m[1] === '-' ? -1n : 1n);
  // ParseInt (int64), or ParseUint (no sign allowed, uint64).
  return (v >= INT64_MIN && v < 2n ** 63n) || (m[1] === '' && v <= UINT64_MAX);
}

/** Go's strconv.ParseFloat on what the float form allows: fails when out of range. */
function goParseFloat(s: string): boolean {
  return Number.isFinite(Number(s));
}

/** What kubectl's YAML parser makes of this plain scalar. */
export function goYamlPlainType(text: string): GoYamlType {
  if (BOOL.has(text)) return 'boolean';
  if (NULL.has(text)) return 'null';
  if (SPECIAL_FLOAT.test(text)) return 'number';
  const c = text.charAt(0);
  if (c === '.') return YAML_STYLE_FLOAT.test(text) && goParseFloat(text) ? 'number' : 'string';
  if (!/[0-9+-]/.test(c)) return 'string';
  const plain = text.replace(/_/g, '');
  if (goParseInt(plain)) return 'number';
  if (YAML_STYLE_FLOAT.test(plain) && goParseFloat(plain)) return 'number';
  if (/^-?0b[01]+$/.test(plain)) return 'number';
  return 'string';
}
