/**
 * JSON straight to UTF-8 bytes: the bytes of `JSON.stringify(value)`, written into a growing byte
 * buffer without building the string first. For the generators' output (a complete patient is
 * ~8 KB of JSON) stringifying and then encoding cost as much as generating the patient; writing
 * bytes in one pass (see patient-json.ts for the shape-aware writer) makes no long strings for
 * the collector and avoids V8's two-byte strings (one lab name with a "—" turns a whole
 * stringified line into UTF-16, twice the bytes to encode).
 *
 * `json(value)` writes byte for byte `Buffer.from(JSON.stringify(value))` for any JSON-able value:
 * key order as `Object.keys`, `toJSON` honoured, `undefined`, functions and symbols left out of
 * objects and written as null in arrays, non-finite numbers as null, and the same escapes (short
 * forms, `\u00xx` in lower case, lone surrogates escaped). A test compares it with JSON.stringify.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HEX = '0123456789abcdef';

/** The escape letter JSON.stringify writes after a backslash, where it has a short form. */
const SHORT_ESCAPE: Partial<Record<number, number>> = {
  8: 0x62, // \b
  9: 0x74, // \t
  10: 0x6e, // \n
  12: 0x66, // \f
  13: 0x72, // \r
  34: 0x22, // \"
  92: 0x5c, // \\
};

/** The UTF-8 bytes of ASCII text, for fixed fragments of JSON (`,"name":`) copied in whole. */
export function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) throw new RangeError(`not ASCII: ${JSON.stringify(text)}`);
    bytes[i] = c;
  }
  return bytes;
}

/** A byte buffer that JSON values and raw bytes are appended to. */
export class JsonBytes {
  /** The bytes written so far are `buffer[0 … length)`. */
  buffer: Buffer;
  length = 0;

  /** A new buffer of `capacity` bytes, or `into`'s memory, written from its start. */
  constructor(capacity = 64 * 1024, into?: ArrayBuffer) {
    this.buffer = into ? Buffer.from(into) : Buffer.allocUnsafe(capacity);
  }

  /** Hands over the bytes written so far and starts afresh in a new buffer of `capacity` bytes. */
  take(capacity = this.buffer.length): Buffer {
    const full = this.buffer.subarray(0, this.length);
    this.buffer = Buffer.allocUnsafe(capacity);
    this.length = 0;
    return full;
  }

  /** Appends one byte (e.g. a newline). */
  byte(b: number): void {
    if (this.length >= this.buffer.length) this.grow(1);
    this.buffer[this.length++] = b;
  }

  /** Appends bytes as they are (a fragment from `asciiBytes`). */
  raw(bytes: Uint8Array): void {
    const n = bytes.length;
    if (this.length + n > this.buffer.length) this.grow(n);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < n; i++) buffer[at++] = bytes[i] as number;
    this.length = at;
  }

  /** Appends ASCII text as it is (separators, never a JSON string's content). */
  ascii(text: string): void {
    const n = text.length;
    if (this.length + n > this.buffer.length) this.grow(n);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < n; i++) buffer[at++] = text.charCodeAt(i);
    this.length = at;
  }

  /**
   * Appends the JSON of `value`, as `JSON.stringify(value)` would write it; false (and nothing
   * written) where JSON.stringify would return undefined (undefined, a function, a symbol).
   */
  json(value: unknown): boolean {
    return this.value(value, '');
  }

  /** A finite number as JSON.stringify writes it (non-finite ones as null). */
  number(n: number): void {
    // Whole numbers and numbers of one or two decimals below 10⁹ (counts, doses, sizes, lab values
    // and their reference limits), digit by digit: String(n) makes a string a number, through the
    // shortest-round-trip algorithm. k / 10 is the double nearest to the decimal k/10, the one that
    // decimal's text parses to; so when it is n, that text is the shortest that gives n back, which
    // is what String(n) writes. -0 is written as 0, as String(-0) writes it.
    if (n >= 0 && n < 1e9) {
      if (n === Math.floor(n)) {
        this.digits(n);
        return;
      }
      const tenths = Math.round(n * 10);
      if (tenths / 10 === n) {
        this.digits(Math.floor(tenths / 10));
        this.byte(0x2e); // .
        this.byte(0x30 + (tenths % 10));
        return;
      }
      const hundredths = Math.round(n * 100);
      if (hundredths / 100 === n) {
        this.digits(Math.floor(hundredths / 100));
        const rest = hundredths % 100;
        this.byte(0x2e); // .
        this.byte(0x30 + Math.floor(rest / 10));
        this.byte(0x30 + (rest % 10));
        return;
      }
    }
    this.ascii(Number.isFinite(n) ? String(n) : 'null');
  }

  /** The decimal digits of a whole number from 0 to 10⁹ − 1. */
  private digits(whole: number): void {
    let count = 1;
    for (let rest = whole; rest >= 10; rest = Math.floor(rest / 10)) count++;
    if (this.length + count > this.buffer.length) this.grow(count);
    const buffer = this.buffer;
    let at = this.length + count;
    this.length = at;
    let rest = whole;
    do {
      buffer[--at] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
  }

  /** A JSON string: quoted, escaped as JSON.stringify escapes, encoded as UTF-8. */
  string(text: string): void {
    const n = text.length;
    // At most six bytes per UTF-16 unit (`\u001f`, or a lone surrogate escaped), and two quotes.
    if (this.length + 6 * n + 2 > this.buffer.length) this.grow(6 * n + 2);
    const buffer = this.buffer;
    let at = this.length;
    buffer[at++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c !== QUOTE && c !== BACKSLASH) {
          buffer[at++] = c;
        } else {
          buffer[at++] = BACKSLASH;
          const short = SHORT_ESCAPE[c];
          if (short !== undefined) buffer[at++] = short;
          else at = unicodeEscape(buffer, at, c);
        }
      } else if (c < 0x800) {
        buffer[at++] = 0xc0 | (c >> 6);
        buffer[at++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        buffer[at++] = 0xe0 | (c >> 12);
        buffer[at++] = 0x80 | ((c >> 6) & 0x3f);
        buffer[at++] = 0x80 | (c & 0x3f);
      } else {
        const d = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const u = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          buffer[at++] = 0xf0 | (u >> 18);
          buffer[at++] = 0x80 | ((u >> 12) & 0x3f);
          buffer[at++] = 0x80 | ((u >> 6) & 0x3f);
          buffer[at++] = 0x80 | (u & 0x3f);
          i++;
        } else {
          buffer[at++] = BACKSLASH; // a lone surrogate: escaped, as well-formed JSON.stringify does
          at = unicodeEscape(buffer, at, c);
        }
      }
    }
    buffer[at++] = QUOTE;
    this.length = at;
  }

  private value(input: unknown, key: string): boolean {
    let value = input;
    if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      value = (value as { toJSON(key: string): unknown }).toJSON(key);
    }
    switch (typeof value) {
      case 'string':
        this.string(value);
        return true;
      case 'number':
        this.number(value);
        return true;
      case 'boolean':
        this.ascii(value ? 'true' : 'false');
        return true;
      case 'object':
        if (value === null) this.ascii('null');
        else if (Array.isArray(value)) this.array(value);
        else if (value instanceof Number || value instanceof String || value instanceof Boolean) {
          // Boxed primitives are written as their primitive, as JSON.stringify does.
          this.value(value.valueOf(), key);
        } else this.object(value as Record<string, unknown>);
        return true;
      case 'bigint':
        throw new TypeError('Do not know how to serialize a BigInt');
      default:
        return false;
    }
  }

  private array(items: readonly unknown[]): void {
    this.byte(0x5b); // [
    const n = items.length;
    for (let i = 0; i < n; i++) {
      if (i > 0) this.byte(0x2c); // ,
      if (!this.value(items[i], String(i))) this.ascii('null');
    }
    this.byte(0x5d); // ]
  }

  private object(record: Record<string, unknown>): void {
    this.byte(0x7b); // {
    let first = true;
    for (const key of Object.keys(record)) {
      const field = record[key];
      const t = typeof field;
      // What JSON.stringify leaves out (its toJSON may still give something to write).
      if (t === 'undefined' || t === 'function' || t === 'symbol') continue;
      const mark = this.length;
      if (!first) this.byte(0x2c); // ,
      this.string(key);
      this.byte(0x3a); // :
      if (this.value(field, key)) first = false;
      else this.length = mark; // a toJSON gave undefined: the key goes too
    }
    this.byte(0x7d); // }
  }

  /** Makes room for `more` bytes past the end, keeping what is written. */
  private grow(more: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.length + more));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }
}

/** Writes `u` and four lower-case hex digits of c (the backslash is already written). */
function unicodeEscape(buffer: Buffer, start: number, c: number): number {
  let at = start;
  buffer[at++] = 0x75; // u
  for (let shift = 12; shift >= 0; shift -= 4) buffer[at++] = HEX.charCodeAt((c >> shift) & 0xf);
  return at;
}
