// Types of prompt-workerd.js: the proseo/prompt API in prompt.d.ts.
export * from './prompt.js';
