/** Types of build-stamp.mjs, for the tests that import it. */
export function hashInputs(root: string, inputs: string[]): string;
export function readStamp(stampPath: string): { inputs: string; builtAt: string; [key: string]: unknown } | null;
export function isCurrent(stampPath: string, inputsHash: string, mainOutput: string): boolean;
export function writeStamp(stampPath: string, inputsHash: string, extra?: Record<string, unknown>): void;
