// The published artifact: `npm pack` the package, install the tarball into an empty project
// (offline: the package has no dependencies, so nothing else is fetched) and use it from a
// separate `node` process the way a user would — `import … from 'proseo'` and 'proseo/client'.
// Also checks what the tarball holds: dist/, README.md, package.json, and nothing from test/,
// src/, build/, scripts/ or bench/.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const quiet = { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };

test('npm pack → npm install <tarball> → import proseo', { timeout: 120_000 }, async (t) => {
  const tmp = mkdtempSync(join(tmpdir(), 'proseo-pack-'));
  try {
    const { stdout } = await run(npm, ['pack', '--json', '--pack-destination', tmp], { cwd: pkgDir, env: quiet });
    const [packed] = JSON.parse(stdout);
    const tarball = join(tmp, packed.filename);
    const files = packed.files.map((f) => f.path).sort();
    t.diagnostic(`${packed.filename}: ${packed.files.length} files, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked`);

    await t.test('the tarball holds dist/, README.md and package.json only', () => {
      for (const f of files) {
        assert.ok(
          /^dist\/[^/]+$/.test(f) || /^dist\/lang\/[a-z]+\.js$/.test(f) || ['README.md', 'package.json'].includes(f),
          `unexpected file ${f}`,
        );
        assert.ok(!/^(test|src|build|scripts|bench|node_modules)\//.test(f), `unexpected file ${f}`);
      }
      assert.ok(!files.includes('dist/size.json'), 'dist/size.json is build output, not for users');
      for (const f of [
        'dist/proseo_bg.wasm', 'dist/proseo.js', 'dist/node.js', 'dist/browser.js', 'dist/workerd.js',
        'dist/proseo_prompt_bg.wasm', 'dist/proseo_prompt.js', 'dist/prompt-node.js', 'dist/prompt-browser.js',
        'dist/prompt-workerd.js', 'dist/prompt.d.ts', 'dist/loader.js',
        'dist/client.js', 'dist/index.d.ts', 'dist/types.d.ts', 'dist/client.d.ts', 'dist/lang.js',
        ...['en', 'es', 'de', 'fr', 'it', 'nl', 'pt', 'ru', 'pl', 'ar', 'he', 'fa', 'ja', 'zh', 'ko'].map((c) => `dist/lang/${c}.js`),
      ]) {
        assert.ok(files.includes(f), `${f} missing from the tarball`);
      }
    });

    const project = join(tmp, 'project');
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      `${JSON.stringify({ name: 'proseo-pack-test', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`,
    );
    await run(npm, ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', tarball], {
      cwd: project,
      env: quiet,
    });

    await t.test("a separate node process: import { analyze, version } from 'proseo', write from 'proseo/prompt'", async () => {
      const script = `
        import { analyze, version } from 'proseo';
        import { write } from 'proseo/prompt';
        const a = analyze({
          content: '<p>Our ceramic mug keeps coffee hot for hours.</p><h2>Why a ceramic mug</h2><p>It is glazed.</p>',
          keyphrase: 'ceramic mug',
          title: 'Ceramic Mug – 350 ml',
        });
        const written = write({ name: 'Ceramic Mug', features: ['Holds 350 ml'] }, { keyphrase: 'ceramic mug' });
        const client = await import('proseo/client');
        console.log(JSON.stringify({
          version: version(),
          seo: a.seo.score,
          checks: a.seo.checks.length + a.readability.checks.length,
          words: a.stats.words,
          client: [typeof client.ProseoClient, typeof client.ProseoApiError],
          written: written.description.length,
          resolved: import.meta.resolve('proseo'),
          resolvedPrompt: import.meta.resolve('proseo/prompt'),
        }));
      `;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project });
      const out = JSON.parse(stdout);
      assert.equal(out.version, packed.version);
      assert.ok(out.seo > 0 && out.checks > 10 && out.words > 5, stdout);
      assert.deepEqual(out.client, ['function', 'function']);
      assert.ok(out.written > 0, stdout);
      assert.ok(out.resolved.endsWith('/node_modules/proseo/dist/node.js'), out.resolved);
      assert.ok(out.resolvedPrompt.endsWith('/node_modules/proseo/dist/prompt-node.js'), out.resolvedPrompt);
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
