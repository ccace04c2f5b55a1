import * as assert from 'node:assert/strict';
import { formatValueList, parseValueList, validateValueText } from '../../../src/execute/wizard/parameterValues';
import { readParameterMap, parameterLimits, checkValueList } from '../../../src/catalog/parameterLimits';

describe('parameter values', () => {
  describe('the comma convention', () => {
    it('splits on commas and trims each value', () => {
      assert.deepEqual(parseValueList('i-1, i-2 ,i-3'), ['i-1', 'i-2', 'i-3']);
    });

    it('reads an empty box as no values and one word as one value', () => {
      assert.deepEqual(parseValueList(''), []);
      assert.deepEqual(parseValueList('   '), []);
      assert.deepEqual(parseValueList('scheduled'), ['scheduled']);
    });

    it('reads \\, as a comma inside a value and \\\\ as a backslash; other backslashes stay', () => {
      assert.deepEqual(parseValueList('a\\, b, c'), ['a, b', 'c']);
      assert.deepEqual(parseValueList('C:\\temp, D:\\\\'), ['C:\\temp', 'D:\\']);
    });

    it('formats values so that they read back the same', () => {
      const samples = [['a'], ['a, b', 'c'], ['C:\\temp', 'ends\\', 'x\\,y', '\\\\'], ['{"k": [1,2]}'], []];
      for (const values of samples) {
        assert.deepEqual(parseValueList(formatValueList(values)), values, formatValueList(values));
      }
    });
  });

  describe('limits, as the user types', () => {
    it('accepts 25 values and refuses 26, naming the limit', () => {
      const values = Array.from({ length: parameterLimits.maxValues }, (_, i) => `v${i}`);
      assert.equal(validateValueText(values.join(',')), undefined);
      const message = validateValueText([...values, 'one-more'].join(','));
      assert.match(message ?? '', /At most 25 values.*26/);
    });

    it('accepts 512 characters and refuses 513, naming the value and the limit', () => {
      assert.equal(validateValueText('x'.repeat(512)), undefined);
      assert.match(validateValueText('x'.repeat(513)) ?? '', /513 characters; the limit is 512/);
      assert.match(validateValueText(`ok, ${'y'.repeat(600)}`) ?? '', /Value 2 has 600 characters; the limit is 512/);
    });

    it('refuses an empty value between commas', () => {
      assert.match(validateValueText('a,,b') ?? '', /Value 2 is empty/);
      assert.match(validateValueText('a,') ?? '', /Value 2 is empty/);
    });

    it('allows an empty list', () => {
      assert.equal(checkValueList([]), undefined);
      assert.equal(validateValueText(''), undefined);
    });
  });

  describe('a parameter map from a caller', () => {
    it('copies a valid map', () => {
      assert.deepEqual(readParameterMap({ Reason: ['test'], Days: [] }), { Reason: ['test'], Days: [] });
    });

    it('says what is wrong', () => {
      assert.throws(() => readParameterMap(['x']), /must be an object/);
      assert.throws(() => readParameterMap({ Reason: 'test' }), /"Reason" must be a list of strings/);
      assert.throws(() => readParameterMap({ Reason: [1] }), /"Reason" must be a list of strings/);
      assert.throws(() => readParameterMap({ ['k'.repeat(51)]: [] }), /51 characters; a name has 1 to 50/);
      assert.throws(() => readParameterMap({ '': [] }), /0 characters; a name has 1 to 50/);
      assert.throws(() => readParameterMap({ Many: Array.from({ length: 26 }, () => 'v') }), /"Many": At most 25 values/);
      assert.throws(() => readParameterMap({ Long: ['z'.repeat(513)] }), /"Long": The value has 513 characters/);
      const tooMany = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`p${i}`, []]));
      assert.throws(() => readParameterMap(tooMany), /201 parameters; the limit is 200/);
    });
  });
});
