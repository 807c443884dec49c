/**
 * What would change a verdict: the smallest changes to what a project needs that would make the
 * other framework fit better. Each change is tried for real — the project's observations are
 * edited (a battery added or taken away, the data model grown or shrunk) and the findings and
 * scores computed again by the same rules — so the answer follows every interplay of the rules
 * (adding user accounts also ends "a small site" and "no database"), not a sum of weights.
 */
import { computeFacts } from '../facts/facts';
import { addOnDependencies, deriveFindings, listWords, type RuleInput } from './findings';
import type { Evidence, Framework, Observation } from '../model';
import { lookupPackage } from '../knowledge/packages';
import { hasWebSignal, score } from './scoring';
import type { Steps } from '../engine/steps';

/** One change to try: plain words and how it edits the observations. */
interface Change {
  /** "user accounts", "an admin back office", "its admin" ... */
  words: string;
  apply: (obs: Observation[]) => Observation[];
}

const HERE: Evidence = { file: '(what if)' };
const synthetic = (kind: Observation['kind'], via: string, count = 1): Observation[] => Array.from({ length: count }, () => ({ kind, via, evidence: HERE }));
const without = (...kinds: Observation['kind'][]) => (obs: Observation[]) => obs.filter((o) => !kinds.includes(o.kind));

/** The verdict with the observations `obs`, pausing between passes over them. */
function* rejudge(input: RuleInput, obs: Observation[]): Steps<Framework | null> {
  const facts = computeFacts(obs, input.facts.pythonFiles);
  yield;
  // A battery taken away takes its add-ons with it (they are what the dependencies declare).
  const kinds = new Set(obs.map((o) => o.kind));
  const dependencies = input.dependencies?.filter((d) => {
    const pkg = lookupPackage(d.name);
    return !pkg?.replacesBuiltin || pkg.observes.length === 0 || pkg.observes.some((k) => kinds.has(k));
  });
  yield;
  const drafts = deriveFindings({ ...input, observations: obs, facts, dependencies });
  yield;
  return score(drafts, hasWebSignal(input.framework, facts, obs)).recommendation;
}

function combine(changes: readonly Change[]): Change {
  return { words: listWords(changes.map((c) => c.words)), apply: (obs) => changes.reduce((acc, c) => c.apply(acc), obs) };
}

/**
 * The smallest changes that would flip the verdict, as plain sentences (at most three). Each try
 * runs the rules over all the observations (a large project has thousands), so it pauses after
 * each one (steps.ts).
 */
export function* whatWouldChange(input: RuleInput, current: Framework | null): Steps<string[]> {
  if (current === null) {
    if (input.libraryOf) return [`An application of its own (an app object with routes, views or templates) would get a verdict; as a library built on ${input.libraryOf === 'flask' ? 'Flask' : input.libraryOf === 'django' ? 'Django' : input.libraryOf} it has nothing to compare`];
    return ['Nothing to weigh: a web application (an app object, routes or views in Flask, Django or another framework) would get a verdict'];
  }
  const other: Framework = current === 'django' ? 'flask' : 'django';
  if (input.dependencies) input = { ...input, dependencies: addOnDependencies(input.dependencies) };
  const obs = [...input.observations];
  const models = obs.filter((o) => o.kind === 'model').length;
  /** The changes of `changes` that flip the verdict, in order, at most `max` of them. */
  function* flipping(changes: readonly Change[], max: number): Steps<Change[]> {
    const found: Change[] = [];
    for (const c of changes) {
      if (found.length >= max) break;
      const changed = c.apply([...obs]);
      yield;
      if ((yield* rejudge(input, changed)) === other) found.push(c);
    }
    return found;
  }

  let singles: Change[];
  let bigger: Change[][];
  let lead: (words: string) => string;
  if (other === 'django') {
    const accounts: Change = { words: 'user accounts (sign-up, log-in)', apply: (o) => [...o, ...synthetic('auth', 'user accounts'), ...synthetic('database', 'database')] };
    const admin: Change = { words: 'an admin back office', apply: (o) => [...o, ...synthetic('admin', 'admin')] };
    const forms: Change = { words: 'forms with validation', apply: (o) => [...o, ...synthetic('forms', 'forms')] };
    const migrations: Change = { words: 'schema migrations', apply: (o) => [...o, ...synthetic('migrations', 'migrations')] };
    const grown = (n: number): Change => ({ words: models > 0 ? `${n - models} more models` : `a data model of ${n} tables`, apply: (o) => [...o.filter((x) => x.kind !== 'model'), ...synthetic('model', 'model', n), ...synthetic('database', 'database')] });
    const [firstModels] = yield* flipping([3, 5, 8, 12, 20, 30].filter((n) => n > models).map(grown), 1);
    singles = [accounts, admin, ...(firstModels ? [firstModels] : []), forms, migrations];
    bigger = [[accounts, admin], [accounts, forms], [accounts, admin, forms, migrations], [accounts, admin, forms, migrations, grown(Math.max(models + 2, 5))]];
    lead = (words) => `${words.charAt(0).toUpperCase()}${words.slice(1)} would tip this to Django`;
  } else {
    const hasKind = (kind: Observation['kind']) => obs.some((o) => o.kind === kind);
    const candidates: Change[] = [];
    if (hasKind('admin')) candidates.push({ words: 'its admin', apply: without('admin') });
    if (hasKind('auth')) candidates.push({ words: 'user accounts', apply: without('auth') });
    if (hasKind('forms')) candidates.push({ words: 'form classes', apply: without('forms') });
    if (hasKind('migrations')) candidates.push({ words: 'migrations', apply: without('migrations') });
    const shrunk = (n: number): Change => ({
      words: n === 0 ? `its ${models} models` : `all but ${n} of its ${models} models`,
      apply: (o) => {
        let kept = 0;
        return o.filter((x) => x.kind !== 'model' || kept++ < n).filter((x) => n > 0 || x.kind !== 'relation');
      },
    });
    const [shrink] = models > 0 ? yield* flipping([2, 1, 0].filter((n) => n < models).map(shrunk), 1) : [];
    singles = [...candidates, ...(shrink ? [shrink] : [])];
    bigger = [];
    for (let i = 0; i < candidates.length; i++) for (let j = i + 1; j < candidates.length; j++) bigger.push([candidates[i], candidates[j]]);
    if (candidates.length > 2) bigger.push(candidates);
    if (models > 2) bigger.push([...candidates, shrunk(2)]);
    if (models > 0) bigger.push([...candidates, shrunk(0)]);
    lead = (words) => `Doing without ${words} would tip this to Flask`;
  }

  const out = (yield* flipping(singles, 3)).map((c) => lead(c.words));
  if (out.length > 0) return out;
  const [combo] = yield* flipping(bigger.map(combine), 1);
  if (combo) return [lead(combo.words)];
  return [other === 'django' ? 'Django would fit only with much more to manage: user accounts, an admin and a data model together' : 'Flask would fit only if the project dropped most of what Django ships: its data model, accounts, admin, forms and migrations'];
}
