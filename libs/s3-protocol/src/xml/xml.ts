// The only place xml-js meets the gateway: request bodies are parsed here into a small tree, responses are rendered
// here from plain objects. Document shapes live in documents.ts.
import { xml2js, type Element } from 'xml-js';
import { S3Error } from '../errors/s3-errors';

export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** One parsed element: local name (namespace prefix dropped), attributes, child elements, and its own text. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text and CDATA directly inside this element, concatenated, untrimmed (S3 keys may be all spaces). */
  text: string;
}

// DTDs are refused before parsing: no entity expansion (billion laughs), no external entities (XXE). S3 bodies
// never need one. A key containing the literal text `<!DOCTYPE` inside CDATA is refused too, a price worth paying.
const DTD = /<!(DOCTYPE|ENTITY)/i;
const UTF8 = new TextDecoder('utf-8', { fatal: true });
// xml-js swallows the errors sax reports at end of input (an unclosed root, a truncated tag, comment or CDATA). A
// comment appended to the body shows up as the last top-level node only when the document really ended cleanly.
const END_TEXT = 'silt:end-of-body';
const END_MARK = `<!--${END_TEXT}-->`;

/**
 * Bounds on a request document. S3's documents are a few levels deep (the deepest, a lifecycle rule's
 * `LifecycleConfiguration/Rule/Filter/And/Tag/Key`, is 6) and the largest, a CompleteMultipartUpload of 10,000 parts
 * with every checksum, has about 80,000 elements (and as many whitespace text nodes between them when indented). Past
 * these a body is not an S3 document: it is refused as MalformedXML as soon as a limit is crossed, before the rest is
 * parsed or any tree is built from it. Size is the caller's cap (readSmallBody); time is then linear in it.
 */
export const XML_LIMITS = { maxDepth: 32, maxElements: 100_000, maxNodes: 250_000, maxAttributesPerElement: 16 } as const;

/** Thrown from inside the parser's callbacks to stop it at the first element past a limit. */
class LimitExceeded extends Error {}

interface XmlJsNode {
  parent?: XmlJsNode;
}

/**
 * Parses a request body whose root element must be `expectedRoot` (any namespace). Every failure, including an
 * empty body, invalid UTF-8, a DTD or a document past XML_LIMITS, is `MalformedXML`, as S3 answers. A UTF-8 BOM and
 * an XML declaration are fine. Parsing and conversion are iterative (sax is a state machine; the tree is walked with
 * an explicit stack), so no input depth reaches the JS call stack.
 */
export function parseXmlBody(body: Buffer | string, expectedRoot: string): XmlElement {
  let xml: string;
  try {
    xml = typeof body === 'string' ? body : UTF8.decode(body); // the decoder drops a leading BOM
  } catch {
    throw new S3Error('MalformedXML');
  }
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);
  if (xml.trim() === '' || DTD.test(xml)) throw new S3Error('MalformedXML');
  let doc: Element;
  let elements = 0;
  let nodes = 0;
  // Every node counts towards maxNodes: elements (which also count towards maxElements), text, CDATA, comments and
  // processing instructions, so a body of a million empty comments is refused like one of a million elements.
  const count = <T>(value: T): T => {
    if (++nodes > XML_LIMITS.maxNodes) throw new LimitExceeded();
    return value;
  };
  try {
    doc = xml2js(xml + END_MARK, {
      compact: false,
      captureSpacesBetweenElements: true,
      // Called for each start tag with the element it opens in; xml-js links open elements to their parents until
      // they close, so the chain's length is the new element's depth. Walking it costs at most maxDepth steps.
      elementNameFn: (name: string, parent: XmlJsNode) => {
        if (++elements > XML_LIMITS.maxElements) throw new LimitExceeded();
        count(name);
        let depth = 1;
        for (let p = parent; p.parent !== undefined; p = p.parent) {
          if (++depth > XML_LIMITS.maxDepth) throw new LimitExceeded();
        }
        return name;
      },
      attributesFn: (attributes: Record<string, unknown>) => {
        let n = 0;
        for (const _ in attributes) if (++n > XML_LIMITS.maxAttributesPerElement) throw new LimitExceeded();
        return attributes;
      },
      textFn: count,
      cdataFn: count,
      commentFn: count,
      instructionFn: count,
    } as unknown as Parameters<typeof xml2js>[1]) as Element; // xml-js's typings get its callbacks' types wrong
  } catch {
    throw new S3Error('MalformedXML');
  }
  const top = doc.elements ?? [];
  const last = top[top.length - 1];
  if (last?.type !== 'comment' || last.comment !== END_TEXT) throw new S3Error('MalformedXML');
  const roots = top.filter((e) => e.type === 'element');
  if (roots.length !== 1) throw new S3Error('MalformedXML');
  const root = toXmlElement(roots[0]);
  if (root.name !== expectedRoot) throw new S3Error('MalformedXML');
  return root;
}

/** xml-js's tree to ours, with an explicit stack rather than recursion. */
function toXmlElement(top: Element): XmlElement {
  const convert = (el: Element): XmlElement => {
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(el.attributes ?? {})) {
      if (value !== undefined) attributes[name] = String(value);
    }
    return { name: localName(el.name ?? ''), attributes, children: [], text: '' };
  };
  const root = convert(top);
  const stack: Array<[Element, XmlElement]> = [[top, root]];
  while (stack.length > 0) {
    const [el, out] = stack.pop()!;
    for (const node of el.elements ?? []) {
      if (node.type === 'element') {
        const child = convert(node);
        out.children.push(child);
        stack.push([node, child]);
      } else if (node.type === 'text') out.text += String(node.text ?? '');
      else if (node.type === 'cdata') out.text += node.cdata ?? '';
    }
  }
  return root;
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** The child elements named `name`, in document order. */
export function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** The text of the first child named `name`, or undefined when there is none. */
export function childText(el: XmlElement, name: string): string | undefined {
  return el.children.find((c) => c.name === name)?.text;
}

// XML's whitespace (S 3 of XML 1.0): xs:boolean and xs:int collapse it, so it may surround a value.
const XML_SPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;

/**
 * An xs:boolean element of a request document (DeleteObjects' Quiet, …): `true`/`false` in any case (S3 takes
 * `True`, which minio-py sends) or `1`/`0`, with surrounding whitespace. An empty element is `false`, as if absent.
 * Anything else (`maybe`) is MalformedXML: the document does not validate against S3's schema.
 */
export function parseXmlBoolean(text: string): boolean {
  const value = text.replace(XML_SPACE, '').toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0' || value === '') return false;
  throw new S3Error('MalformedXML');
}

/**
 * An xs:int element (CompleteMultipartUpload's PartNumber, …): optional sign and decimal digits, surrounding
 * whitespace allowed, within 32 bits. Anything else (`one`, `1.5`, `1e3`, empty, 2^31) is MalformedXML; whether
 * the number makes sense (a part 0) is the operation's business.
 */
export function parseXmlInt(text: string): number {
  const value = text.replace(XML_SPACE, '');
  const n = /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= -(2 ** 31) && n <= 2 ** 31 - 1)) throw new S3Error('MalformedXML');
  return n;
}

/** Values renderXml accepts. Object keys are element names, rendered in insertion order. */
export type XmlScalar = string | number | bigint | boolean | Date;
export type XmlValue = XmlScalar | XmlObject | readonly XmlValue[] | undefined | null;
export interface XmlObject {
  readonly [element: string]: XmlValue;
}

export interface RenderOptions {
  /** Put the S3 namespace on the root element (default true; S3's Error bodies have none). */
  xmlns?: boolean;
}

/**
 * Renders `<?xml …?>\n<root xmlns="…">body</root>` with no indentation. An array renders its element once per item
 * (`{ Contents: [a, b] }` -> two `<Contents>`), `undefined`/`null` omits the element, `''` and `{}` give an empty
 * one, a Date is ISO-8601 with milliseconds in UTC (`2026-11-24T20:31:05.000Z`), as S3 writes LastModified.
 * Written by hand rather than with xml-js's js2xml so escaping is exactly ours (see escapeXml).
 */
export function renderXml(root: string, body: XmlValue, options: RenderOptions = {}): string {
  const xmlns = options.xmlns === false ? '' : ` xmlns="${S3_XMLNS}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${xmlns}>${renderContent(body)}</${root}>`;
}

function renderContent(value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if (isArray(value)) return value.map(renderContent).join('');
    let out = '';
    for (const [name, child] of Object.entries(value)) out += renderElement(name, child);
    return out;
  }
  return escapeXml(String(value));
}

function renderElement(name: string, value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (isArray(value)) return value.map((item) => renderElement(name, item)).join('');
  return `<${name}>${renderContent(value)}</${name}>`;
}

function isArray(value: XmlValue): value is readonly XmlValue[] {
  return Array.isArray(value);
}

const NAMED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text content. Besides the five markup characters, every C0 control character and U+FFFE/U+FFFF becomes a
 * numeric reference `&#xN;`, as S3 does for keys in listings:
 * - tab, LF and CR are legal XML 1.0 but a parser would normalise CR (and CRLF) to LF, so they are escaped to
 *   round-trip exactly;
 * - the other C0 characters (and U+FFFE/U+FFFF) are not legal in XML 1.0 even as references, so strict parsers
 *   (expat, hence Python's ElementTree) reject the document. S3 emits them anyway and clients that care ask for
 *   `encoding-type=url` (botocore always does for listings), so Silt does the same rather than dropping or
 *   replacing characters, which would silently return a different key.
 * A lone UTF-16 surrogate is left alone; UTF-8 encoding of the response turns it into U+FFFD.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\t\n\r\ufffe\uffff]/g, (c) =>
    NAMED[c] ?? `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`,
  );
}
