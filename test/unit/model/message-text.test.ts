/** Values quoted in messages are clipped (model/messageText.ts): the wrong form is cut, the right one kept. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clip, clipJson } from '../../../server/src/service/model/messageText';

test('clip keeps text up to the limit and cuts longer text to the limit, ending with …', () => {
  assert.equal(clip('a'.repeat(40)), 'a'.repeat(40));
  assert.equal(clip('a'.repeat(41)), 'a'.repeat(39) + '…');
  assert.equal(clip('abcdef', 5), 'abcd…');
  assert.equal(clip('abcde', 5), 'abcde');
});

test('clipJson writes JSON, clips it, and names a value too deep to write', () => {
  assert.equal(clipJson({ HTTPS: '443' }), '{"HTTPS":"443"}');
  assert.equal(clipJson(['x'.repeat(100)]).length, 60);
  assert.equal(clipJson(undefined), 'undefined');
  let deep: unknown = 1;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  assert.equal(clipJson(deep), 'a value nested too deep to show');
});
