// Types of browser.js: the shared API in index.d.ts.
export * from './index.js';
