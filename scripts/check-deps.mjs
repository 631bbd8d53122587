#!/usr/bin/env node
/**
 * `npm run lint:deps`: the import rules in .dependency-cruiser.cjs, then one more that
 * dependency-cruiser cannot say as a rule: no two folders import each other, directly or round a
 * loop (server/lists → server/opinions → server/lists is as bad as a module cycle: neither folder
 * can be understood, tested or moved without the other). A folder is a top folder under server/,
 * extension/ or shared/; files directly under those count as their own node.
 */
import { cruise } from 'dependency-cruiser';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ruleSet = require('../.dependency-cruiser.cjs');

const folderOf = (path) => /^(server|extension|shared)\/[^/]+(?=\/)/.exec(path)?.[0] ?? path;

/** Strongly connected groups of more than one folder (Tarjan). */
export function folderCycles(modules) {
  const edges = new Map();
  for (const m of modules) {
    const from = folderOf(m.source);
    for (const d of m.dependencies) {
      if (d.coreModule || d.couldNotResolve || /(^|\/)node_modules\//.test(d.resolved)) continue;
      const to = folderOf(d.resolved);
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      // Remember one import that makes the edge, to name it in the message.
      if (!edges.get(from).has(to)) edges.get(from).set(to, `${m.source} → ${d.resolved}`);
    }
  }
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  let next = 0;
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const group = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return groups.map((group) => ({
    folders: group,
    imports: group.flatMap((a) => group.filter((b) => edges.get(a)?.has(b)).map((b) => edges.get(a).get(b))),
  }));
}

const result = await cruise(['server', 'shared', 'extension'], { validate: true, ruleSet, ...ruleSet.options });
const { modules, summary } = result.output;
let failed = false;
for (const v of summary.violations) {
  failed = true;
  const cycle = v.cycle?.length ? ` (${[v.from, ...v.cycle.map((c) => c.name ?? c)].join(' → ')})` : '';
  console.error(`✗ ${v.rule.name}: ${v.from} → ${v.to}${cycle}`);
}
for (const { folders, imports } of folderCycles(modules)) {
  failed = true;
  console.error(`✗ folder cycle: ${folders.join(' ⇄ ')}\n    ${imports.join('\n    ')}`);
}
if (failed) process.exit(1);
console.log(`✓ imports: ${summary.totalCruised} modules, ${summary.totalDependenciesCruised} imports, no rule broken and no folder cycle`);
