/**
 * Layout: what the file tree alone shows, without reading a file — `manage.py`, Django migrations
 * and app folders, Alembic / Flask-Migrate, templates, Flask's `instance/`. These are the marks each
 * framework's own tooling leaves. Examples: docs/design.md "Detectors".
 */
import type { Observation } from '../model';
import { baseName, dirName } from '../read/workspace';

const TEMPLATE_FILE = /\.(html?|jinja2?|j2|djhtml|txt|xml)$/i;
const DJANGO_MIGRATION = /(^|\/)migrations\/\d{4}_[^/]*\.py$/;
const ALEMBIC_VERSION = /(^|\/)(migrations|alembic)\/versions\/[^/]+\.py$/;

/** True for a template file: an HTML/Jinja/text file under a `templates/` folder. */
export function isTemplatePath(path: string): boolean {
  return /(^|\/)templates\//.test(path) && TEMPLATE_FILE.test(baseName(path));
}

/** Observations from the paths of a project's files. */
export function layoutObservations(paths: readonly string[]): Observation[] {
  const out: Observation[] = [];
  const present = new Set(paths);
  const appDirs = new Set<string>();
  for (const path of paths) {
    const name = baseName(path);
    const dir = dirName(path);
    if (name === 'manage.py') {
      out.push({ kind: 'app', framework: 'django', name: 'manage.py', via: 'manage.py', strength: 0.5, evidence: { file: path } });
    } else if (DJANGO_MIGRATION.test(path)) {
      out.push({ kind: 'migrations', framework: 'django', via: 'Django migrations', evidence: { file: path } });
    } else if (ALEMBIC_VERSION.test(path)) {
      out.push({ kind: 'migrations', via: 'alembic', evidence: { file: path } });
    } else if (name === 'alembic.ini') {
      out.push({ kind: 'migrations', via: 'alembic', count: 0, evidence: { file: path } });
    } else if (isTemplatePath(path)) {
      out.push({ kind: 'template', via: 'template file', evidence: { file: path } });
    }
    if (name === 'apps.py' || (name === 'models.py' && present.has(`${dir ? `${dir}/` : ''}migrations/__init__.py`))) {
      if (!appDirs.has(dir)) {
        appDirs.add(dir);
        out.push({ kind: 'djangoApp', framework: 'django', name: baseName(dir) || '.', via: 'app folder', evidence: { file: path } });
      }
    }
  }
  return out;
}
