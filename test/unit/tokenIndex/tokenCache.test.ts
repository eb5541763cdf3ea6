/** The token index's cache: what is read back is what was made, a changed document is made again, a damaged file is passed over. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { buildDocumentTokens, hasTokens, tokensOf } from '../../../app/core/tokenIndex/documentTokens';
import { decodeTokens, encodeTokens, readTokenCache, writeTokenCache } from '../../../app/core/tokenIndex/tokenCache';
import { wordList } from '../../../app/core/corpusTools/wordList';
import { speechDocuments, speechesBetween } from '../../helpers/sotu';

test('tokens read from the cache equal tokens made from the text, and a changed document is not taken from it', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lectern-tokens-'));
  try {
    const first = speechDocuments(speechesBetween(1990, 1999));
    for (const d of first) tokensOf(d);
    assert.ok(await writeTokenCache(dir, first));
    // The same files loaded again (new document objects), one of them edited.
    const again = speechDocuments(speechesBetween(1990, 1999));
    const edited = speechDocuments(speechesBetween(1990, 1990)).map((d) => ({ ...d, passages: d.passages.slice(1) }));
    const docs = [edited[0], ...again.slice(1)];
    assert.equal(await readTokenCache(dir, docs), docs.length - 1, 'every unchanged document, not the edited one');
    assert.equal(hasTokens(docs[0]), false);
    for (const d of docs.slice(1)) {
      const cached = tokensOf(d);
      const made = buildDocumentTokens(d);
      assert.deepEqual([...cached.forms], [...made.forms]);
      assert.deepEqual([...cached.gaps], [...made.gaps]);
      assert.deepEqual([...cached.checkpoints], [...made.checkpoints]);
      assert.deepEqual([...cached.passageFirst], [...made.passageFirst]);
      assert.deepEqual(cached.farStarts, made.farStarts);
    }
    assert.deepEqual(wordList(again.slice(1), { limit: 50 }), wordList(first.slice(1), { limit: 50 }));

    // A damaged file is passed over: the tokens are made instead.
    const file = path.join(dir, '.lectern', 'cache', 'tokens.bin');
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(file, bytes);
    const third = speechDocuments(speechesBetween(1990, 1999));
    assert.equal(await readTokenCache(dir, third), 0);
    // A payload whose layout lies about its lengths is refused, not trusted.
    const payload = encodeTokens(first);
    assert.throws(() => decodeTokens(payload.subarray(0, payload.length - 100), speechDocuments(speechesBetween(1990, 1999))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
