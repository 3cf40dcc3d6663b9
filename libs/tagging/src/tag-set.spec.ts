import { describe, expect, it } from 'vitest';
import { S3Error } from '../../s3-protocol/src/errors/s3-errors';
import {
  charLength,
  copyObjectTags,
  parseTaggingHeader,
  parseTaggingXml,
  renderTagging,
  tagsFromHeader,
  validateTags,
  type Tag,
  type TagRules,
} from './tag-set';

const ON: TagRules = { restrictions: true };
const OFF: TagRules = { restrictions: false };

function errorOf(fn: () => unknown): S3Error {
  try {
    fn();
  } catch (err) {
    if (err instanceof S3Error) return err;
    throw err;
  }
  throw new Error('expected an S3Error');
}
const codeOf = (fn: () => unknown) => errorOf(fn).code;
const tagsOf = (n: number): Tag[] => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));

describe(validateTags.name, () => {
  it('accepts 10 object tags and refuses 11', () => {
    expect(validateTags(tagsOf(10), ON)).toHaveLength(10);
    const err = errorOf(() => validateTags(tagsOf(11), ON));
    expect([err.code, err.status, err.message]).toEqual(['InvalidTag', 400, 'Object tags cannot be greater than 10']);
  });

  it('applies the bucket limit (10 by default, configurable) to buckets', () => {
    expect(validateTags(tagsOf(10), { ...ON, target: 'bucket' })).toHaveLength(10);
    expect(errorOf(() => validateTags(tagsOf(11), { ...ON, target: 'bucket' })).message).toBe('Bucket tag count cannot be greater than 10');
    expect(validateTags(tagsOf(50), { ...ON, target: 'bucket', maxTags: 50 })).toHaveLength(50);
    expect(codeOf(() => validateTags(tagsOf(51), { ...ON, target: 'bucket', maxTags: 50 }))).toBe('InvalidTag');
  });

  it('accepts an empty tag set', () => expect(validateTags([], ON)).toEqual([]));

  it('accepts a key of 1 and 128 characters, refuses 0 and 129', () => {
    expect(validateTags([{ key: 'a', value: '' }], ON)).toHaveLength(1);
    expect(validateTags([{ key: 'k'.repeat(128), value: 'v' }], ON)).toHaveLength(1);
    expect(errorOf(() => validateTags([{ key: '', value: 'v' }], ON)).message).toMatch(/TagKey .*invalid.*empty/);
    const err = errorOf(() => validateTags([{ key: 'k'.repeat(129), value: 'v' }], ON));
    expect([err.code, err.message]).toEqual(['InvalidTag', 'The TagKey you have provided is too long, max 128 (it has 129 characters)']);
  });

  it('accepts a value of 0 and 256 characters, refuses 257', () => {
    expect(validateTags([{ key: 'k', value: '' }], ON)).toHaveLength(1);
    expect(validateTags([{ key: 'k', value: 'v'.repeat(256) }], ON)).toHaveLength(1);
    expect(errorOf(() => validateTags([{ key: 'k', value: 'v'.repeat(257) }], ON)).message).toMatch(/TagValue .*too long, max 256/);
  });

  it('counts Unicode characters, not bytes or UTF-16 units', () => {
    // 'é' is 2 UTF-8 bytes, '日' 3, '𠀀' (U+20000, a CJK letter) 4 bytes and 2 UTF-16 units: each is one character.
    expect(charLength('😀'.repeat(128))).toBe(128);
    for (const ch of ['é', '日', '𠀀']) {
      expect(charLength(ch.repeat(128))).toBe(128);
      expect(validateTags([{ key: ch.repeat(128), value: ch.repeat(256) }], ON)).toHaveLength(1);
      expect(codeOf(() => validateTags([{ key: ch.repeat(129), value: '' }], ON))).toBe('InvalidTag');
      expect(codeOf(() => validateTags([{ key: 'k', value: ch.repeat(257) }], ON))).toBe('InvalidTag');
    }
  });

  it("allows letters, numbers and spaces of any script plus + - = . _ : / @", () => {
    const tags = [
      { key: 'Project Name', value: 'a+b-c=d.e_f:g/h@i' },
      { key: 'プロジェクト', value: 'données 123 ٣' },
      { key: 'x', value: 'tab\u00a0nbsp' },
    ];
    expect(validateTags(tags, ON)).toEqual(tags);
  });

  it.each(['a*b', 'a!b', 'a#b', 'a,b', 'a;b', 'a\tb', 'a\nb', 'a%b', 'a&b', 'a<b', "a'b", 'a"b', 'a😀b', 'a?b'])(
    'refuses %j in a key and in a value',
    (s) => {
      expect(errorOf(() => validateTags([{ key: s, value: 'v' }], ON)).message).toMatch(/TagKey you have provided is invalid/);
      expect(errorOf(() => validateTags([{ key: 'k', value: s }], ON)).message).toMatch(/TagValue you have provided is invalid/);
    },
  );

  it('refuses keys starting aws: in any case, but not aws: elsewhere or in values', () => {
    for (const key of ['aws:x', 'AWS:x', 'Aws:cloudformation:stack-name']) {
      expect(errorOf(() => validateTags([{ key, value: 'v' }], ON)).message).toMatch(/prefixed with aws:/);
    }
    expect(validateTags([{ key: 'my:aws:x', value: 'aws:v' }, { key: 'aws', value: 'v' }], ON)).toHaveLength(2);
  });

  it('refuses duplicate keys (case-sensitive: K and k are two keys)', () => {
    const err = errorOf(() => validateTags([{ key: 'a', value: '1' }, { key: 'b', value: '2' }, { key: 'a', value: '3' }], ON));
    expect([err.code, err.message, err.details.TagKey]).toEqual(['InvalidTag', 'Cannot provide multiple Tags with the same key', 'a']);
    expect(validateTags([{ key: 'K', value: '1' }, { key: 'k', value: '2' }], ON)).toHaveLength(2);
  });

  it('without restrictions accepts what the limits refuse, but still not duplicate keys', () => {
    const anything = [...tagsOf(30), { key: '', value: 'x'.repeat(1000) }, { key: 'aws:*'.repeat(40), value: '#!' }];
    expect(validateTags(anything, OFF)).toHaveLength(32);
    expect(codeOf(() => validateTags([{ key: 'a', value: '1' }, { key: 'a', value: '2' }], OFF))).toBe('InvalidTag');
  });

  it('checks the count before the tags, then tags in order', () => {
    expect(errorOf(() => validateTags([...tagsOf(10), { key: '*', value: '' }], ON)).message).toMatch(/cannot be greater than 10/);
    expect(errorOf(() => validateTags([{ key: 'a*', value: '' }, { key: 'aws:b', value: '' }], ON)).details.TagKey).toBe('a*');
  });
});

describe(parseTaggingXml.name, () => {
  const doc = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?><Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${inner}</Tagging>`;

  it('reads the tags in order, untrimmed, entities decoded', () => {
    const xml = doc('<TagSet><Tag><Key>b</Key><Value> 1 </Value></Tag><Tag><Key>a&amp;</Key><Value></Value></Tag></TagSet>');
    expect(parseTaggingXml(xml)).toEqual([
      { key: 'b', value: ' 1 ' },
      { key: 'a&', value: '' },
    ]);
    expect(parseTaggingXml(Buffer.from(doc('<TagSet><Tag><Key>日本</Key><Value>😀</Value></Tag></TagSet>')))).toEqual([{ key: '日本', value: '😀' }]);
  });

  it('reads an empty TagSet as no tags', () => {
    expect(parseTaggingXml(doc('<TagSet/>'))).toEqual([]);
    expect(parseTaggingXml(doc('<TagSet>\n  </TagSet>'))).toEqual([]);
  });

  it.each([
    ['not XML', 'tags please'],
    ['an empty body', ''],
    ['another root', '<Tags><TagSet/></Tags>'],
    ['no TagSet', doc('')],
    ['two TagSets', doc('<TagSet/><TagSet/>')],
    ['a Tag without Value', doc('<TagSet><Tag><Key>k</Key></Tag></TagSet>')],
    ['a Tag without Key', doc('<TagSet><Tag><Value>v</Value></Tag></TagSet>')],
    ['a Tag with two Keys', doc('<TagSet><Tag><Key>k</Key><Key>j</Key><Value>v</Value></Tag></TagSet>')],
    ['a stray element in TagSet', doc('<TagSet><Tagg><Key>k</Key><Value>v</Value></Tagg></TagSet>')],
    ['a stray element in a Tag', doc('<TagSet><Tag><Key>k</Key><Value>v</Value><X/></Tag></TagSet>')],
    ['a truncated document', doc('<TagSet><Tag><Key>k</Key>').slice(0, -10)],
  ])('answers MalformedXML for %s', (_what, body) => expect(codeOf(() => parseTaggingXml(body))).toBe('MalformedXML'));
});

describe(renderTagging.name, () => {
  it('renders S3 element order with the namespace (golden)', () => {
    expect(renderTagging([{ key: 'a<', value: 'é' }, { key: 'b', value: '' }])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet>' +
        '<Tag><Key>a&lt;</Key><Value>é</Value></Tag><Tag><Key>b</Key><Value></Value></Tag></TagSet></Tagging>',
    );
  });

  it('sorts tags by key in code point (UTF-8 byte) order, whatever order they were put in (golden)', () => {
    const put = [
      { key: 'b', value: '2' },
      { key: '\u{1F600}', value: 'emoji' }, // UTF-8 F0 9F…, after U+FF21 (EF BC A1); UTF-16 would put it first
      { key: 'a', value: '1' },
      { key: '\uFF21', value: 'fullwidth A' },
      { key: 'B', value: 'upper' },
      { key: 'aa', value: '11' },
      { key: 'é', value: 'e-acute' },
    ];
    expect(renderTagging(put)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet>' +
        '<Tag><Key>B</Key><Value>upper</Value></Tag><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>aa</Key><Value>11</Value></Tag>' +
        '<Tag><Key>b</Key><Value>2</Value></Tag><Tag><Key>é</Key><Value>e-acute</Value></Tag>' +
        '<Tag><Key>\uFF21</Key><Value>fullwidth A</Value></Tag><Tag><Key>\u{1F600}</Key><Value>emoji</Value></Tag></TagSet></Tagging>',
    );
    expect(put[0].key).toBe('b'); // the caller's array is left alone
  });

  it('renders an empty set as an empty TagSet', () =>
    expect(renderTagging([])).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet></TagSet></Tagging>'));

  it('round-trips through the parser', () => {
    const tags = [{ key: 'Project Name', value: 'a+b=c/d@e' }, { key: 'ключ', value: '  ' }];
    expect(parseTaggingXml(renderTagging(tags))).toEqual(tags);
  });
});

describe(parseTaggingHeader.name, () => {
  it.each<[string, Tag[]]>([
    ['k1=v1&k2=v2', [{ key: 'k1', value: 'v1' }, { key: 'k2', value: 'v2' }]],
    ['', []],
    ['k=', [{ key: 'k', value: '' }]],
    ['k', [{ key: 'k', value: '' }]],
    ['a=1&&b=2&', [{ key: 'a', value: '1' }, { key: 'b', value: '2' }]],
    ['Project+Name=a+b', [{ key: 'Project Name', value: 'a b' }]], // + is a space, as in a query string
    ['plus=1%2B1', [{ key: 'plus', value: '1+1' }]],
    ['sp=a%20b', [{ key: 'sp', value: 'a b' }]],
    ['eq=a=b', [{ key: 'eq', value: 'a=b' }]], // only the first = splits
    ['amp=a%26b', [{ key: 'amp', value: 'a&b' }]],
    ['%E6%97%A5=%F0%9F%98%80', [{ key: '日', value: '😀' }]],
    ['a=1&a=2', [{ key: 'a', value: '1' }, { key: 'a', value: '2' }]], // duplicates are validateTags' call
  ])('%j', (header, tags) => expect(parseTaggingHeader(header)).toEqual(tags));

  it('re-reads raw UTF-8 that arrived as Latin-1 characters', () =>
    expect(parseTaggingHeader(Buffer.from('日=é', 'utf8').toString('latin1'))).toEqual([{ key: '日', value: 'é' }]));

  it.each(['a=%zz', 'a=%E6%97', 'a=%'])('answers InvalidArgument for the malformed escape in %j', (h) => {
    const err = errorOf(() => parseTaggingHeader(h));
    expect([err.code, err.details.ArgumentName]).toEqual(['InvalidArgument', 'x-amz-tagging']);
  });
});

describe(tagsFromHeader.name, () => {
  it('is undefined without the header, and validates what it parses', () => {
    expect(tagsFromHeader(undefined, ON)).toBeUndefined();
    expect(tagsFromHeader('', ON)).toEqual([]);
    expect(codeOf(() => tagsFromHeader(tagsOf(11).map((t) => `${t.key}=${t.value}`).join('&'), ON))).toBe('InvalidTag');
    expect(codeOf(() => tagsFromHeader('a=1&a=2', ON))).toBe('InvalidTag');
    expect(codeOf(() => tagsFromHeader('aws%3Ax=1', ON))).toBe('InvalidTag');
    expect(tagsFromHeader(tagsOf(11).map((t) => `${t.key}=${t.value}`).join('&'), OFF)).toHaveLength(11);
  });
});

describe(copyObjectTags.name, () => {
  const source = [{ key: 's', value: '1' }];
  it('COPY (the default, any case) keeps the source tags and ignores x-amz-tagging', () => {
    expect(copyObjectTags(undefined, source, 'n=2', ON)).toEqual(source);
    expect(copyObjectTags('copy', source, 'n=2', ON)).toEqual(source);
  });
  it('REPLACE takes x-amz-tagging, validated; none means no tags', () => {
    expect(copyObjectTags('REPLACE', source, 'n=2', ON)).toEqual([{ key: 'n', value: '2' }]);
    expect(copyObjectTags('REPLACE', source, undefined, ON)).toEqual([]);
    expect(codeOf(() => copyObjectTags('REPLACE', source, 'aws:x=1', ON))).toBe('InvalidTag');
  });
  it('answers InvalidArgument for another directive', () => expect(codeOf(() => copyObjectTags('MERGE', source, undefined, ON))).toBe('InvalidArgument'));
});
