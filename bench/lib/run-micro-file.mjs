// Child-process entry for one micro-benchmark: node run-micro-file.mjs <file> [--quick]
// Imports the file, calls its default export, prints the results as one JSON line.
import { pathToFileURL } from 'node:url';

const [file, flag] = process.argv.slice(2);
const module = await import(pathToFileURL(file).href);
if (typeof module.default !== 'function') throw new Error(`${file} has no default export function`);
const results = await module.default({ quick: flag === '--quick' });
process.stdout.write(`${JSON.stringify(Array.isArray(results) ? results : [results])}\n`);
