// The differential oracle (test/oracle/): proseo's analyze() from this package and the yoastseo
// npm package on the same corpus, in this Node process. Prints the per-assessment agreement
// table and fails when an assessment, the whole, or a section falls below the bar, or when a
// pinned fixture (current Yoast SEO where it differs from yoastseo 3.6.0, or a deliberate
// difference) does not give its recorded rating.
import assert from 'node:assert/strict';
import test from 'node:test';

import * as proseo from 'proseo';
import { BAR, formatLanguageTable, formatTable, LANGUAGE_BAR, runLanguageOracle, runOracle } from './oracle/oracle.mjs';

test('proseo agrees with yoastseo, assessment by assessment', () => {
  const result = runOracle(proseo.analyze);
  console.log(formatTable(result));
  for (const d of result.disagreements) {
    console.log(`  differs: ${d.fixture}/${d.check}: proseo ${d.proseo}, yoastseo ${d.yoast}`);
  }
  assert.ok(result.total > 1000, `too few compared pairs: ${result.total}`);
  for (const row of result.rows) {
    assert.ok(row.agree / row.n >= BAR.perAssessment, `${row.id}: ${row.agree}/${row.n} below the bar`);
  }
  assert.ok(result.agree / result.total >= BAR.overall, `overall ${result.agree}/${result.total} below the bar`);
  for (const [name, s] of Object.entries(result.sections)) {
    assert.ok(s.same / s.n >= BAR.sections, `section ${name}: ${s.same}/${s.n} below the bar`);
  }
  for (const p of result.pinnedResults) {
    assert.equal(p.proseo, p.expected, `${p.fixture}/${p.check} (${p.kind}): ${p.reason}`);
  }
  assert.ok(result.pinnedResults.some((p) => p.kind === 'current_yoast'));
});

test('proseo agrees with yoastseo in every other language yoastseo supports', () => {
  const results = runLanguageOracle(proseo.analyze);
  console.log(formatLanguageTable(results));
  const codes = Object.keys(results).sort();
  assert.deepEqual(codes, ['ar', 'de', 'es', 'fa', 'fr', 'he', 'it', 'ja', 'nl', 'pl', 'pt', 'ru']);
  for (const [code, r] of Object.entries(results)) {
    assert.ok(r.total >= 250, `${code}: too few compared pairs: ${r.total}`);
    assert.ok(r.agree / r.total >= LANGUAGE_BAR.overall, `${code}: ${r.agree}/${r.total} below the bar`);
    for (const [name, s] of Object.entries(r.sections)) {
      assert.ok(s.same / s.n >= LANGUAGE_BAR.sections, `${code} section ${name}: ${s.same}/${s.n} below the bar`);
    }
  }
});
