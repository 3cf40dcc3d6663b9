import { describe, expect, it } from 'vitest';
import { S3Error } from '../errors/s3-errors';
import { childText, children, escapeXml, parseXmlBody, parseXmlBoolean, parseXmlInt, renderXml, S3_XMLNS, XML_LIMITS } from './xml';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof S3Error) return err.code;
    throw err;
  }
  return undefined;
};

const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

describe(parseXmlBody.name, () => {
  const accepted: Array<[title: string, body: Buffer | string]> = [
    ['plain', '<Delete><Object><Key>a</Key></Object></Delete>'],
    ['with declaration', '<?xml version="1.0" encoding="UTF-8"?><Delete><Object><Key>a</Key></Object></Delete>'],
    ['with S3 namespace', `<Delete xmlns="${S3_XMLNS}"><Object><Key>a</Key></Object></Delete>`],
    ['with a prefixed namespace', `<s3:Delete xmlns:s3="${S3_XMLNS}"><s3:Object><s3:Key>a</s3:Key></s3:Object></s3:Delete>`],
    ['with surrounding whitespace and indentation', '\n  <?xml version="1.0"?>\n<Delete>\n  <Object>\n    <Key>a</Key>\n  </Object>\n</Delete>\n'.trimStart()],
    ['as a Buffer with a UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<Delete><Object><Key>a</Key></Object></Delete>')])],
    ['as a string with a BOM', '\ufeff<Delete><Object><Key>a</Key></Object></Delete>'],
    ['with a comment', '<!-- hi --><Delete><Object><Key>a</Key></Object></Delete>'],
  ];
  it.each(accepted)('accepts a body %s', (_, body) => {
    const root = parseXmlBody(body, 'Delete');
    expect(root.name).toBe('Delete');
    expect(childText(children(root, 'Object')[0], 'Key')).toBe('a');
  });

  const rejected: Array<[title: string, body: Buffer | string]> = [
    ['empty', ''],
    ['empty Buffer', Buffer.alloc(0)],
    ['whitespace only', '  \n '],
    ['not XML', 'hello'],
    ['truncated after an element', '<Delete><Object><Key>a</Key></Object>'],
    ['truncated inside a tag', '<Delete><Object><Key>a</Key></Object></Del'],
    ['truncated inside an open tag', '<Delete'],
    ['truncated inside a comment', '<Delete/><!-- x'],
    ['truncated inside a CDATA section', '<Delete><Object><Key><![CDATA[a'],
    ['truncated inside a processing instruction', '<Delete/><?pi x'],
    ['ending in the end marker of an unclosed root', '<Delete><!--silt:end-of-body-->'],
    ['mismatched tags', '<Delete><Object></Key></Delete>'],
    ['the wrong root', '<Tagging><TagSet/></Tagging>'],
    ['the root in lower case', '<delete><Object><Key>a</Key></Object></delete>'],
    ['two roots', '<Delete/><Delete/>'],
    ['text after the root', '<Delete/>junk'],
    ['an undefined entity', '<Delete><Object><Key>&foo;</Key></Object></Delete>'],
    ['a DOCTYPE', '<!DOCTYPE Delete><Delete/>'],
    ['a lower-case doctype', '<!doctype Delete><Delete/>'],
    ['an internal entity', '<!DOCTYPE d [<!ENTITY x "y">]><Delete><Object><Key>&x;</Key></Object></Delete>'],
    ['an external entity (XXE)', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Delete><Object><Key>&xxe;</Key></Object></Delete>'],
    [
      'billion laughs',
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><Delete><Object><Key>&lol3;</Key></Object></Delete>',
    ],
    ['an ENTITY without DOCTYPE', '<Delete><!ENTITY x "y"></Delete>'],
    ['invalid UTF-8', Buffer.concat([Buffer.from('<Delete><Object><Key>'), Buffer.from([0xff, 0xfe]), Buffer.from('</Key></Object></Delete>')])],
  ];
  it.each(rejected)('rejects a body %s with MalformedXML', (_, body) => {
    expect(codeOf(() => parseXmlBody(body, 'Delete'))).toBe('MalformedXML');
  });

  it('keeps text exactly: spaces, entities, CDATA, numeric references and non-ASCII', () => {
    const root = parseXmlBody(
      '<Delete><Object><Key> </Key></Object><Object><Key>a &amp; b &lt;c&gt; &quot;&apos;</Key></Object>' +
        '<Object><Key><![CDATA[<raw> & ]]>x</Key></Object><Object><Key>line&#xD;&#10;tab&#9;</Key></Object>' +
        '<Object><Key>日本語/ü😀</Key></Object></Delete>',
      'Delete',
    );
    expect(children(root, 'Object').map((o) => childText(o, 'Key'))).toEqual([
      ' ',
      'a & b <c> "\'',
      '<raw> & x',
      'line\r\ntab\t',
      '日本語/ü😀',
    ]);
  });

  it('returns attributes and undefined for a missing child', () => {
    const root = parseXmlBody(`<Delete xmlns="${S3_XMLNS}" a="1"><Quiet>true</Quiet></Delete>`, 'Delete');
    expect(root.attributes).toEqual({ xmlns: S3_XMLNS, a: '1' });
    expect(childText(root, 'Quiet')).toBe('true');
    expect(childText(root, 'Missing')).toBeUndefined();
    expect(children(root, 'Object')).toEqual([]);
  });
});

describe(`${parseXmlBody.name} bounds`, () => {
  const nested = (depth: number, open = '<Object>', close = '</Object>') =>
    `<Delete>${open.repeat(depth - 1)}${close.repeat(depth - 1)}</Delete>`;

  it('refuses a 50,000-deep document with MalformedXML, quickly and without touching the stack', () => {
    const started = performance.now();
    expect(codeOf(() => parseXmlBody(nested(50_000), 'Delete'))).toBe('MalformedXML');
    // Unclosed too: the limit is hit on the way down, whatever follows.
    expect(codeOf(() => parseXmlBody(`<Delete>${'<a>'.repeat(50_000)}`, 'Delete'))).toBe('MalformedXML');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it(`accepts ${XML_LIMITS.maxDepth} levels and refuses ${XML_LIMITS.maxDepth + 1}`, () => {
    let deepest = parseXmlBody(nested(XML_LIMITS.maxDepth), 'Delete');
    let depth = 1;
    while (deepest.children.length > 0) [deepest, depth] = [deepest.children[0], depth + 1];
    expect(depth).toBe(XML_LIMITS.maxDepth);
    expect(codeOf(() => parseXmlBody(nested(XML_LIMITS.maxDepth + 1), 'Delete'))).toBe('MalformedXML');
  });

  it('refuses more elements, nodes or attributes than any S3 document has', () => {
    const flat = (n: number, item: string) => `<Delete>${item.repeat(n)}</Delete>`;
    expect(parseXmlBody(flat(XML_LIMITS.maxElements - 1, '<a/>'), 'Delete').children).toHaveLength(XML_LIMITS.maxElements - 1);
    expect(codeOf(() => parseXmlBody(flat(XML_LIMITS.maxElements, '<a/>'), 'Delete'))).toBe('MalformedXML');
    expect(codeOf(() => parseXmlBody(flat(XML_LIMITS.maxNodes, '<!--x-->'), 'Delete'))).toBe('MalformedXML');
    expect(codeOf(() => parseXmlBody(flat(XML_LIMITS.maxNodes, '<![CDATA[x]]>x'), 'Delete'))).toBe('MalformedXML');
    const attrs = (n: number) => Array.from({ length: n }, (_, i) => ` a${i}="v"`).join('');
    expect(Object.keys(parseXmlBody(`<Delete${attrs(XML_LIMITS.maxAttributesPerElement)}/>`, 'Delete').attributes)).toHaveLength(
      XML_LIMITS.maxAttributesPerElement,
    );
    expect(codeOf(() => parseXmlBody(`<Delete${attrs(XML_LIMITS.maxAttributesPerElement + 1)}/>`, 'Delete'))).toBe('MalformedXML');
    expect(codeOf(() => parseXmlBody(`<Delete><a${attrs(100_000)}/></Delete>`, 'Delete'))).toBe('MalformedXML');
  });

  it('keeps children in document order at every level', () => {
    const root = parseXmlBody('<Delete><A><A1>1</A1><A2>2</A2></A><B>b</B></Delete>', 'Delete');
    expect(root.children.map((c) => c.name)).toEqual(['A', 'B']);
    expect(root.children[0].children.map((c) => [c.name, c.text])).toEqual([
      ['A1', '1'],
      ['A2', '2'],
    ]);
  });
});

describe(parseXmlBoolean.name, () => {
  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    [' \n\ttrue\r\n ', true],
    ['1', true],
    ['false', false],
    ['FALSE', false],
    ['0', false],
    ['', false],
    ['  ', false],
  ])('%j -> %s', (text, expected) => expect(parseXmlBoolean(text)).toBe(expected));

  it.each(['maybe', 'yes', 'no', 't', 'truee', 'tr ue', '2', '\u00a0true'])('refuses %j with MalformedXML', (text) => {
    expect(codeOf(() => parseXmlBoolean(text))).toBe('MalformedXML');
  });
});

describe(parseXmlInt.name, () => {
  it.each([
    ['1', 1],
    [' 10000\n', 10_000],
    ['+7', 7],
    ['007', 7],
    ['0', 0],
    ['-1', -1],
    ['2147483647', 2 ** 31 - 1],
  ])('%j -> %d', (text, expected) => expect(parseXmlInt(text)).toBe(expected));

  it.each(['', 'one', '1.5', '1e3', '0x10', '1 2', '2147483648', '-2147483649', '9'.repeat(400), 'Infinity'])('refuses %j with MalformedXML', (text) => {
    expect(codeOf(() => parseXmlInt(text))).toBe('MalformedXML');
  });
});

describe(renderXml.name, () => {
  it('renders the declaration, the S3 namespace and elements in insertion order', () => {
    expect(renderXml('Root', { B: 'b', A: 1, C: true, D: 5n })).toBe(
      `${DECL}<Root xmlns="${S3_XMLNS}"><B>b</B><A>1</A><C>true</C><D>5</D></Root>`,
    );
  });

  it('omits the namespace on request', () => {
    expect(renderXml('Error', { Code: 'X' }, { xmlns: false })).toBe(`${DECL}<Error><Code>X</Code></Error>`);
  });

  it('repeats elements for arrays, nests objects, omits undefined and null, keeps empty values', () => {
    expect(
      renderXml('R', {
        Item: [{ K: 'a' }, { K: 'b', V: undefined }],
        None: [],
        Skip: undefined,
        Null: null,
        Empty: '',
        EmptyObject: {},
        Nested: { Inner: { Deep: 'x' } },
      }),
    ).toBe(
      `${DECL}<R xmlns="${S3_XMLNS}"><Item><K>a</K></Item><Item><K>b</K></Item>` +
        '<Empty></Empty><EmptyObject></EmptyObject><Nested><Inner><Deep>x</Deep></Inner></Nested></R>',
    );
  });

  it('renders a scalar root and Dates as ISO-8601 with milliseconds in UTC', () => {
    expect(renderXml('LocationConstraint', 'eu-west-1')).toBe(`${DECL}<LocationConstraint xmlns="${S3_XMLNS}">eu-west-1</LocationConstraint>`);
    expect(renderXml('R', { T: new Date(Date.UTC(2026, 10, 24, 20, 31, 5)) })).toContain('<T>2026-11-24T20:31:05.000Z</T>');
  });

  it('round-trips awkward text through the parser', () => {
    const key = ' a & b <c> "q" \'s\' \t\n\r\n 日本 😀 ';
    const root = parseXmlBody(renderXml('Delete', { Object: { Key: key } }), 'Delete');
    expect(childText(children(root, 'Object')[0], 'Key')).toBe(key);
  });
});

describe(escapeXml.name, () => {
  const cases: Array<[input: string, output: string]> = [
    ['plain', 'plain'],
    ['&', '&amp;'],
    ['<>', '&lt;&gt;'],
    ['"\'', '&quot;&apos;'],
    ['&amp;', '&amp;amp;'],
    ['\t\n\r', '&#x9;&#xA;&#xD;'],
    ['\u0000\u0001\u0008\u000b\u000c\u000e\u001f', '&#x0;&#x1;&#x8;&#xB;&#xC;&#xE;&#x1F;'],
    ['\u007f\u0085', '\u007f\u0085'], // legal in XML 1.0
    ['\ufffe\uffff', '&#xFFFE;&#xFFFF;'],
    ['日本語 ü 😀', '日本語 ü 😀'],
  ];
  it.each(cases)('%j -> %j', (input, output) => expect(escapeXml(input)).toBe(output));
});
