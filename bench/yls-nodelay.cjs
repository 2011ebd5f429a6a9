// Preloaded (node --require) into yaml-language-server by bench/lsp.ts: its validation waits a fixed
// 200 ms after each change (SettingsState.validationDelayMs, not a setting). Our server runs the
// benchmark with debounceMs 0, so theirs gets 0 too and both figures are work, not waiting.
'use strict';
const path = require('node:path');
const { SettingsState } = require(path.join(__dirname, '..', 'node_modules', 'yaml-language-server', 'out', 'server', 'src', 'yamlSettings.js'));
Object.defineProperty(SettingsState.prototype, 'validationDelayMs', { get: () => 0, set: () => {}, configurable: true });
