// Types of prompt-node.js: the proseo/prompt API in prompt.d.ts.
export * from './prompt.js';
