/**
 * The engine's Workspace over `vscode.workspace.fs`, so remote and virtual workspaces work too.
 */
import * as vscode from 'vscode';
import { NodeWorkspace, type DirEntry, type EntryStat, type EntryType, type Workspace } from '../core/read/workspace';

function typeOf(t: vscode.FileType): EntryType {
  if (t & vscode.FileType.SymbolicLink) return 'symlink';
  if (t & vscode.FileType.Directory) return 'dir';
  if (t & vscode.FileType.File) return 'file';
  return 'other';
}

/** A Workspace rooted at one workspace folder URI. */
export class VscodeWorkspace implements Workspace {
  readonly label: string;
  /** Local folders are read through Node with O_NOFOLLOW (vscode.workspace.fs follows links). */
  private readonly local: NodeWorkspace | undefined;
  constructor(readonly root: vscode.Uri, label?: string) {
    this.label = label ?? root.toString(true);
    this.local = root.scheme === 'file' ? new NodeWorkspace(root.fsPath) : undefined;
  }

  /** The URI of a workspace-relative path. */
  uri(path: string): vscode.Uri {
    return path === '' ? this.root : vscode.Uri.joinPath(this.root, ...path.split('/'));
  }

  async listDir(path: string): Promise<DirEntry[]> {
    const entries = await vscode.workspace.fs.readDirectory(this.uri(path));
    return entries.map(([name, type]) => ({ name, type: typeOf(type) }));
  }

  async readFile(path: string, maxBytes?: number): Promise<Uint8Array> {
    if (this.local) return this.local.readFile(path, maxBytes);
    const bytes = await vscode.workspace.fs.readFile(this.uri(path));
    if (maxBytes !== undefined && bytes.byteLength > maxBytes) throw new Error(`larger than ${maxBytes} bytes (${bytes.byteLength}) when read; not read`);
    return bytes;
  }

  async stat(path: string): Promise<EntryStat> {
    const s = await vscode.workspace.fs.stat(this.uri(path));
    return { type: typeOf(s.type), size: s.size, mtime: s.mtime };
  }
}
