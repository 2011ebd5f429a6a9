// Imported first (for its side effect) by tests that need the schema catalog: generates
// core/schema/generated/catalog.json when it is missing or stale (the generator skips when fresh).
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
execFileSync(process.execPath, [path.join(root, 'scripts', 'gen-schema.mjs')], { cwd: root, stdio: 'pipe' });
