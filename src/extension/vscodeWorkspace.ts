/**
 * The engine's Workspace over `vscode.workspace.fs`, so remote and virtual workspaces work too.
 */
import * as vscode from 'vscode';
import type { DirEntry, EntryStat, EntryType, Workspace } from '../core/read/workspace';

function typeOf(t: vscode.FileType): EntryType {
  if (t & vscode.FileType.SymbolicLink) return 'symlink';
  if (t & vscode.FileType.Directory) return 'dir';
  if (t & vscode.FileType.File) return 'file';
  return 'other';
}

/** A Workspace rooted at one workspace folder URI. */
export class VscodeWorkspace implements Workspace {
  readonly label: string;
  constructor(readonly root: vscode.Uri, label?: string) {
    this.label = label ?? root.toString(true);
  }

  /** The URI of a workspace-relative path. */
  uri(path: string): vscode.Uri {
    return path === '' ? this.root : vscode.Uri.joinPath(this.root, ...path.split('/'));
  }

  async listDir(path: string): Promise<DirEntry[]> {
    const entries = await vscode.workspace.fs.readDirectory(this.uri(path));
    return entries.map(([name, type]) => ({ name, type: typeOf(type) }));
  }

  async readFile(path: string): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(this.uri(path));
  }

  async stat(path: string): Promise<EntryStat> {
    const s = await vscode.workspace.fs.stat(this.uri(path));
    return { type: typeOf(s.type), size: s.size, mtime: s.mtime };
  }
}
