/**
 * Hovers on dependency entries: requirements files (matched by file pattern as well as by the
 * pip-requirements language id), pyproject.toml and Pipfile. The open document's text is parsed
 * with the engine's manifest parsers (shared/hover.ts), so the hover follows unsaved edits; the
 * Markdown trusts only our own command ids.
 */
import * as vscode from 'vscode';
import type { Dependency } from '../core/model';
import { dependenciesIn, dependencyAt, dependencyHover, HOVER_COMMANDS, hoverFormatOf } from '../shared/hover';
import { visibleLines } from '../core/report/visible';
import { assessSettings, type AssessmentController } from './controller';

export { MANIFEST_SELECTOR } from './ids';

/** The path of a document relative to its workspace folder (its file name when outside any folder). */
export function relativePath(uri: vscode.Uri): { folder?: vscode.WorkspaceFolder; path: string } {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return { path: uri.path.slice(uri.path.lastIndexOf('/') + 1) };
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  return { folder, path: uri.path.startsWith(base) ? uri.path.slice(base.length) : uri.path.slice(uri.path.lastIndexOf('/') + 1) };
}

export class DependencyHoverProvider implements vscode.HoverProvider {
  /** Parsed dependencies of the last document, by URI and version (hovering re-reads nothing). */
  private cache?: { uri: string; version: number; deps: Dependency[] };

  constructor(private readonly controller: AssessmentController) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const { folder, path } = relativePath(document.uri);
    const format = hoverFormatOf(path, document.languageId);
    if (!format) return undefined;
    const key = document.uri.toString();
    if (!this.cache || this.cache.uri !== key || this.cache.version !== document.version) {
      // The same size limit as the scan: a huge manifest is not parsed on the editor's thread.
      const text = document.getText();
      this.cache = { uri: key, version: document.version, deps: text.length > assessSettings(document).maxFileBytes ? [] : dependenciesIn(text, path, format) };
    }
    const dep = dependencyAt(this.cache.deps, position.line + 1, position.character + 1);
    if (!dep) return undefined;

    const assessed = folder ? this.controller.assessments().find((r) => r.folder.uri.toString() === folder.uri.toString()) : undefined;
    const entry = assessed
      ? this.controller.entries().find((e) => !e.plan && e.folder?.uri.toString() === folder?.uri.toString() && (e.project.manifests.includes(path) || e.project.dependencies.some((d) => d.file === path)))
      : undefined;
    const md = new vscode.MarkdownString(
      visibleLines(dependencyHover(dep, {
        today: new Date(),
        assessed: assessed !== undefined,
        project: entry ? { key: entry.key, label: entry.label, assessment: entry.project } : undefined,
        commands: true,
      })),
      true,
    );
    md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    return new vscode.Hover(md, new vscode.Range(dep.line - 1, dep.column - 1, dep.endLine - 1, dep.endColumn - 1));
  }
}
