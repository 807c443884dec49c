/**
 * "Plan a new project": a multi-step quick pick (step n of m, a Back button, the previous answer
 * preselected) that asks what the project will need. The answers are plain `DeclaredNeeds`; the
 * merge with what the workspace shows is core/verdict/needs.ts `applyNeeds`.
 */
import * as vscode from 'vscode';
import type { DeclaredNeeds } from '../core/verdict/needs';

interface Option {
  label: string;
  description?: string;
  value: unknown;
}

interface Question {
  key: keyof DeclaredNeeds | 'base';
  title: string;
  placeholder: string;
  options: Option[];
}

const SKIP: Option = { label: '$(dash) Not sure', description: 'skip this question', value: undefined };
const yesNo = (yes: string, no: string): Option[] => [
  { label: '$(check) Yes', description: yes, value: true },
  { label: '$(close) No', description: no, value: false },
  SKIP,
];

/** The questions, in order; the wording says what each answer implies. */
export const QUESTIONS: readonly Question[] = [
  {
    key: 'database',
    title: 'Database',
    placeholder: 'Will the project keep data of its own?',
    options: [
      { label: '$(table) Many tables', description: '10 or more, with relations between them', value: 'many' },
      { label: '$(symbol-field) A few tables', description: 'a handful of tables or documents', value: 'few' },
      { label: '$(circle-slash) No database', description: 'pages or an API without data of their own', value: 'none' },
      SKIP,
    ],
  },
  { key: 'accounts', title: 'User accounts', placeholder: 'Will users sign up, log in and have permissions?', options: yesNo('sign-up, log-in, password reset, permissions', 'anonymous visitors only (or an API token)') },
  { key: 'admin', title: 'Admin back office', placeholder: 'Will staff edit the data in an admin back office?', options: yesNo('staff pages to list, search and edit records', 'no back office') },
  { key: 'forms', title: 'Forms', placeholder: 'Will users fill in HTML forms that need validation?', options: yesNo('server-side validation, CSRF protection, file uploads', 'no HTML forms') },
  { key: 'apiOnly', title: 'API only', placeholder: 'Is it a JSON API only, with no pages rendered on the server?', options: yesNo('a JSON API for a front end or other services', 'it serves HTML pages too') },
  {
    key: 'pages',
    title: 'Size',
    placeholder: 'About how many pages or API endpoints?',
    options: [
      { label: 'Under 10', description: 'a small site or service', value: 'few' },
      { label: '10 to 40', value: 'some' },
      { label: 'Over 40', description: 'a large application', value: 'many' },
      SKIP,
    ],
  },
  { key: 'realtime', title: 'Real time', placeholder: 'Does it need real-time features (WebSockets, live updates)?', options: yesNo('chat, notifications, live dashboards', 'request and response only') },
];

/** A project the plan can start from. */
export interface PlanBase {
  key: string;
  label: string;
  description: string;
}

/** The answers, and the project the plan starts from (undefined: a new project). */
export interface PlanAnswers {
  needs: DeclaredNeeds;
  baseKey?: string;
}

interface Item extends vscode.QuickPickItem {
  value: unknown;
}

type StepResult = { kind: 'pick'; value: unknown } | { kind: 'back' } | { kind: 'cancel' };

/** Waits for the user to answer the step on show: an item, Back, or closing the picker. */
function nextAnswer(pick: vscode.QuickPick<Item>): Promise<StepResult> {
  return new Promise((resolve) => {
    const subs: vscode.Disposable[] = [];
    const finish = (r: StepResult) => {
      for (const s of subs) s.dispose();
      resolve(r);
    };
    subs.push(
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
        if (chosen) finish({ kind: 'pick', value: chosen.value });
      }),
      pick.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) finish({ kind: 'back' });
      }),
      pick.onDidHide(() => finish({ kind: 'cancel' })),
    );
    pick.show();
  });
}

/**
 * Asks the questions. With `bases`, a last step asks whether to merge the answers with one of the
 * workspace's projects or to plan a new one. Resolves undefined when the user cancels.
 */
export async function askNeeds(bases: readonly PlanBase[], previous?: PlanAnswers): Promise<PlanAnswers | undefined> {
  const steps: Question[] = [...QUESTIONS];
  if (bases.length > 0) {
    steps.push({
      key: 'base',
      title: 'Start from',
      placeholder: 'Merge the answers with what the workspace shows, or plan a new project?',
      options: [
        ...bases.map((b) => ({ label: `$(folder) ${b.label}`, description: `merge with what the code shows · ${b.description}`, value: b.key })),
        { label: '$(new-file) A new project', description: 'ignore this workspace; only the answers count', value: undefined },
      ],
    });
  }
  const answers: Record<string, unknown> = { ...(previous?.needs ?? {}) };
  if (bases.length > 0) {
    const kept = previous && (previous.baseKey === undefined || bases.some((b) => b.key === previous.baseKey));
    answers.base = kept ? previous.baseKey : bases[0].key;
  }
  const pick = vscode.window.createQuickPick<Item>();
  pick.ignoreFocusOut = true;
  pick.totalSteps = steps.length;
  try {
    let i = 0;
    while (i < steps.length) {
      const q = steps[i];
      pick.title = `Plan a new project: ${q.title}`;
      pick.step = i + 1;
      pick.placeholder = q.placeholder;
      pick.buttons = i > 0 ? [vscode.QuickInputButtons.Back] : [];
      const items: Item[] = q.options.map((o) => ({ label: o.label, description: o.description, value: o.value }));
      pick.items = items;
      const answered = Object.prototype.hasOwnProperty.call(answers, q.key);
      const current = answered ? items.find((it) => it.value === answers[q.key]) : undefined;
      // Setting the items focuses the first one; focus the previous answer instead, if any.
      if (current) pick.activeItems = [current];
      pick.value = '';
      const result = await nextAnswer(pick);
      if (result.kind === 'cancel') return undefined;
      if (result.kind === 'back') {
        i = Math.max(0, i - 1);
        continue;
      }
      answers[q.key] = result.value;
      i++;
    }
  } finally {
    pick.dispose();
  }
  const needs: DeclaredNeeds = {};
  for (const q of QUESTIONS) if (answers[q.key] !== undefined) (needs as Record<string, unknown>)[q.key] = answers[q.key];
  return { needs, baseKey: bases.length > 0 ? (answers.base as string | undefined) : undefined };
}
