// Types of prompt-browser.js: the proseo/prompt API in prompt.d.ts.
export * from './prompt.js';
