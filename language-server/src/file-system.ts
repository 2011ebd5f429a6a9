// The file system as the language server sees it: the three calls the workspace sync needs.
// The server passes the Node implementation below; tests pass an in-memory one.
import { constants, promises as fsp, readFileSync, statSync } from 'node:fs';
import type { KustomizeReader } from '../../core/kustomize/index';

export interface FileStat {
  isFile: boolean;
  /** Size in bytes. */
  size: number;
}

export interface DirEntry {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
}

/** Paths are platform paths (`fsPath` of a `file:` URI). Every call rejects when the path is missing. */
export interface FileSystem {
  stat(fsPath: string): Promise<FileStat>;
  readFile(fsPath: string): Promise<string>;
  readDir(fsPath: string): Promise<DirEntry[]>;
}

export const nodeFileSystem: FileSystem = {
  async stat(fsPath) {
    const st = await fsp.stat(fsPath);
    return { isFile: st.isFile(), size: st.size };
  },
  // Opened without blocking and checked to be a regular file before reading: a FIFO named *.yaml
  // (made after the stat that listed it) would otherwise block the read until a writer comes.
  async readFile(fsPath) {
    const fh = await fsp.open(fsPath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      if (!(await fh.stat()).isFile()) throw new Error(`not a regular file: ${fsPath}`);
      return await fh.readFile('utf8');
    } finally {
      await fh.close();
    }
  },
  async readDir(fsPath) {
    const entries = await fsp.readdir(fsPath, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, isFile: e.isFile(), isDirectory: e.isDirectory() }));
  },
};

/**
 * The Kustomize renderer's reader for files the workspace does not hold (a generator's env or
 * properties files): synchronous, because a render happens inside one lint call. POSIX paths.
 */
export const nodeKustomizeReader: KustomizeReader = {
  readFile(p) {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  isDir(p) {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  },
};
