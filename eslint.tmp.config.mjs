import base from './eslint.config.js';
export default [...base, { files: ['server/src/**/*.ts'], ignores: ['server/src/**/*.spec.ts'], rules: {
 '@typescript-eslint/no-unsafe-argument': 'error','@typescript-eslint/no-unsafe-assignment': 'error','@typescript-eslint/no-unsafe-call': 'error','@typescript-eslint/no-unsafe-member-access': 'error','@typescript-eslint/no-unsafe-return': 'error','@typescript-eslint/no-explicit-any':'error'}}];
