// proseo/prompt for browsers, web workers and any other ESM runtime (the `browser`, `worker`
// and `default` export conditions of `proseo/prompt`). Its own .wasm (templates, the offline
// writer, feeds, JSON-LD, near-duplicates), loaded on demand: `await init()` once before calling anything else; a call before
// that throws an Error with code `not_initialized`. Independent of the `proseo` entry's init().
import initWasm, * as wasm from './proseo_prompt.js';
import { loader } from './loader.js';

// Default source: proseo_prompt_bg.wasm next to this file.
const { init, guard } = loader(
  initWasm,
  () => new URL('./proseo_prompt_bg.wasm', import.meta.url),
  'proseo/prompt',
);

export { init };
export const renderPrompt = guard('renderPrompt', wasm.renderPrompt);
export const buildPrompt = guard('buildPrompt', wasm.buildPrompt);
export const templates = guard('templates', wasm.templates);
export const parseCompletion = guard('parseCompletion', wasm.parseCompletion);
export const write = guard('write', wasm.write);
export const sanitizeContent = guard('sanitizeContent', wasm.sanitizeContent);
export const scoreGenerated = guard('scoreGenerated', wasm.scoreGenerated);
export const exportFeed = guard('exportFeed', wasm.exportFeed);
export const jsonLd = guard('jsonLd', wasm.jsonLd);
export const contentSignature = guard('contentSignature', wasm.contentSignature);
export const nearDuplicates = guard('nearDuplicates', wasm.nearDuplicates);
export const checkDuplicate = guard('checkDuplicate', wasm.checkDuplicate);
export const version = guard('version', wasm.version);
