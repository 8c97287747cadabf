// Compile-only check of the published .d.ts files (run by types.test.mjs with `tsc`): the
// generated wire types and the function declarations fit together as a user would use them.
import {
  analyze,
  channels,
  init,
  sanitizeHtml,
  validateContent,
  validateProduct,
  version,
  type Analysis,
  type AnalyzeInput,
  type CheckId,
  type ErrorCode,
  type Product,
  type ProseoError,
} from 'proseo';
import {
  buildPrompt,
  checkDuplicate,
  contentSignature,
  exportFeed,
  jsonLd,
  nearDuplicates,
  init as initPrompt,
  parseCompletion,
  renderPrompt,
  sanitizeContent,
  scoreGenerated,
  templates,
  write,
  version as promptVersion,
  type BuiltPrompt,
  type CatalogDuplicates,
  type ExportItem,
  type Feed,
  type Format,
} from 'proseo/prompt';
import { ProseoApiError, ProseoClient, signWebhook } from 'proseo/client';
import type { CatalogProduct, ExportedFeed, ExportProfileView, ExportReport, JsonLdResult, SyncRun, WebhookResult } from 'proseo/client';

export async function main(): Promise<void> {
  await init(new URL('https://cdn.example/proseo_bg.wasm'));
  await initPrompt('https://cdn.example/proseo_prompt_bg.wasm');
  const input: AnalyzeInput = { content: '<p>Hi</p>', keyphrase: 'hi', synonyms: 'a, b' };
  const a: Analysis = analyze(input);
  const id: CheckId = a.seo.checks[0].id;
  const h = a.seo.checks[0].highlights[0];
  const text: string = input.content!.slice(h.start_utf16, h.end_utf16);
  const words: number = a.stats.words;
  const fre: number | null | undefined = a.stats.flesch_reading_ease;
  const product: Product = { name: 'Mug', regular_price: '12.50', sale_price: 9 };
  const report = validateProduct(product);
  const sev: 'info' | 'warning' | 'error' = report.issues[0].severity;
  validateContent({ description: '<p>x</p>' }, 'amazon');
  validateContent({ description: '<p>x</p>' });
  const s: string = sanitizeHtml('<p>x</p>').html;
  const left: number = sanitizeHtml('<p>x</p>').truncated;
  const sc = sanitizeContent({ description: '<p>x</p>', bullets: ['a'] });
  const safe: string = sc.content.description;
  const flagged: boolean = sc.unsafe_removed;
  const r: string = renderPrompt('{{ x }}', { x: 1 });
  const p: BuiltPrompt = buildPrompt(product, { template: { custom: '{{ product.name }}' }, voice: { tone: 'friendly' } });
  const tokens: number = p.estimated_tokens;
  const c = parseCompletion('{}');
  const scored: Analysis = scoreGenerated(product, { description: '<p>x</p>' }, { keyphrase: 'mug' });
  const checksRun: number = scored.readability.checks_run;
  const repairs: string[] = c.repairs;
  const channelIds: string[] = channels().map((x) => x.id);
  const maxShort: number | null = channels()[0].short_description_max_chars;
  const names: string[] = templates().map((t) => t.name);
  const content = write(product, { keyphrase: 'mug' });
  const desc: string = content.description;
  const v: string = version();
  const pv: string = promptVersion();
  const format: Format = 'allegro';
  const items: ExportItem[] = [{ product, content, quantity: 3 }];
  const feed: Feed = exportFeed(format, items, { currency: 'PLN', on_invalid: 'skip', categories: [{ shop: 'Mugs', channel: '123' }] });
  const body: string = feed.body;
  const skipped: number = feed.skipped;
  const ld = jsonLd(product, content, { currency: 'EUR' });
  const eligible: boolean = ld.eligible;
  const sig: string = contentSignature(content.description);
  const dups: CatalogDuplicates = nearDuplicates([{ id: 'a', signature: sig }], 0.5);
  const dupCount: number = dups.pairs_total;
  const similar: number = checkDuplicate('a', sig, [{ id: 'b', signature: sig }]).similar_total;
  void [body, skipped, eligible, dupCount, similar];
  try {
    renderPrompt('{{ y }}');
  } catch (e) {
    const err = e as ProseoError;
    const code: ErrorCode = err.code;
    const line: number | undefined = err.line;
    void [code, line];
  }
  const client = new ProseoClient({ baseUrl: 'https://api.example', apiKey: 'k' });
  const analysis: Analysis = await client.analyze(input);
  const page = await client.listJobItems('1', { page: 2, per_page: 10, status: 'generated', min_score: 80 });
  const pages: number = page.pagination.total_pages;
  const checked = await client.validate({ product: { name: 'Mug' } });
  void [pages, page.items.length, checked.product?.issues.length];
  const catalog = await client.listProducts({ status: 'approved', min_score: 70, changed: false });
  const first: CatalogProduct | undefined = catalog.items[0];
  const run: SyncRun = await client.pullStore('int_1', { full: true });
  const pushed: number = (await client.pushStore('int_1', { force: false, ids: ['prd_1'] })).pushed;
  const stats = await client.catalogStats({ source: 'int_1' });
  const approved: number = stats.by_status.approved;
  const delivered: WebhookResult = await client.deliverWebhook({ source: 'n8n', webhookId: 'whk_1', secret: 's', body: { products: [{ id: 'A1', name: 'Mug' }] } });
  const signature: string = await signWebhook('s', 1700000000, '{}');
  const pairs: number = stats.duplicates.pairs_total;
  const dup: boolean | undefined = (await client.getProduct('prd_1')).duplicates?.duplicate;
  const cLd: JsonLdResult = await client.productJsonLd('prd_1', { currency: 'EUR' });
  const cLd2: boolean = (await client.jsonLd({ product: { name: 'Mug' } })).eligible;
  const cFeed: ExportedFeed = await client.exportCatalog('amazon', { ids: ['prd_1'], category: 'SHIRT', strict: true });
  const cRows: number = cFeed.rows + (cFeed.skippedCodes.export_price_missing ?? 0);
  const cStream = (await client.exportCatalog('jsonld', { stream: true })).body;
  const cReport: ExportReport = await client.exportReport('kaufland', { locale: 'de-DE' });
  const cProfile: ExportProfileView = await client.putExportProfile('ebay', { categories: [{ shop: 'Home', channel: '20635' }], constants: [{ column: '*Location', value: 'Berlin' }] });
  const cProfiles: ExportProfileView[] = await client.listExportProfiles();
  void [cProfile.options.categories, cProfiles.length, (await client.getExportProfile('ebay')).updated_at, (await client.deleteExportProfile('ebay')).deleted];
  void [checksRun, first?.sync.status, run.status, pushed, approved, delivered.duplicate, signature, pairs, dup, cLd.script_tag, cLd2, cRows, cStream, cReport.skipped_codes];
  try {
    await client.health();
  } catch (e) {
    if (e instanceof ProseoApiError) void [e.code, e.status, e.details];
  }
  void [id, text, words, fre, sev, s, r, tokens, repairs, channelIds, maxShort, names, desc, v, pv, analysis];
}

// @ts-expect-error: a product's name is a string
validateProduct({ name: 5 });
// @ts-expect-error: a catalog status is one of the listed ones
void new ProseoClient({ baseUrl: 'x' }).listProducts({ status: 'done' });
// @ts-expect-error: a webhook product needs its id
void new ProseoClient({ baseUrl: 'x' }).deliverWebhook({ source: 's', webhookId: 'w', secret: 's', body: { products: [{ name: 'Mug' }] } });
// @ts-expect-error: the prompt functions are not in the scoring entry
import('proseo').then((m) => m.write);
// @ts-expect-error: unknown profile
analyze({ profile: 'blog' });
