/** What `activate` returns: accessors for tests and other extensions. Types only (no code). */
import type { ProjectAssessment } from '../core/model';
import type { SidebarState } from '../shared/protocol';
import type { FolderAssessment } from './controller';

export interface FrameworkFitApi {
  /** The last assessment of each workspace folder (from a command or a background run). */
  lastAssessments(): FolderAssessment[];
  /** The state last posted to the sidebar webview (undefined before the view was shown). */
  sidebarState(): SidebarState | undefined;
  /** The state the sidebar would show now, whether or not it is open. */
  sidebarModel(): SidebarState;
  /** The status bar text ("$(pass) Django fit 78%"), or undefined when the item is hidden. */
  statusBarText(): string | undefined;
  /** The project shown in the sidebar and the status bar. */
  selectedProject(): ProjectAssessment | undefined;
  /** Resolves once no assessment is running, debounced or pending. */
  whenIdle(): Promise<void>;
  /** True while an assessment runs. */
  busy(): boolean;
  /** Cancels the running assessment, as the progress notification's Cancel button does. */
  cancel(): void;
}
