import * as vscode from 'vscode';
import type { Connection } from 'vscode-languageserver/node';
export { LanguageClient } from 'vscode-languageclient/node';
const lazy = () => import('../extension/src/client');
const cjs = require('../webview/panel/main');
export { vscode, lazy, cjs };