/**
 * The import rules CI enforces (`npm run lint`). Folders say what they are and import one way:
 * no cycle between modules, and none between folders (scripts/check-folder-cycles.mjs, which reads
 * this cruise's output); the extension and the server share code only through shared/.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module cycle: two modules that need each other belong together, or one of them owns a part the other should import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-stands-alone',
      severity: 'error',
      comment: 'shared/ is used by both the extension and the server; it may import neither.',
      from: { path: '^shared/' },
      to: { path: '^(server|extension)/' },
    },
    {
      name: 'server-not-extension',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^extension/' },
    },
    {
      name: 'extension-not-server',
      severity: 'error',
      comment: 'The extension talks to the server over HTTP only; wire types live in shared/.',
      from: { path: '^extension/' },
      to: { path: '^server/', pathNot: '^server/api/app-type\\.ts$' },
    },
    {
      name: 'service-worker-not-ui',
      severity: 'error',
      comment: 'The background and content scripts must not pull the sidebar UI (Preact, forms) into their bundles.',
      from: { path: '^extension/(background|content|sync|storage|messaging|page)/' },
      to: { path: '^extension/(sidebar|options)/' },
    },
    {
      name: 'domain-not-http-surface',
      severity: 'error',
      comment:
        'Domain folders are used by the API and the console, never the other way round. The admin CLI’s API client is an outer edge like main.ts: it calls the API over HTTP through its typed client.',
      from: { path: '^server/', pathNot: '^server/(api|console|app\\.ts|main\\.ts|admin/api-backend\\.ts)' },
      to: { path: '^server/(api|console)/' },
    },
    {
      name: 'no-test-code-in-product',
      severity: 'error',
      from: { path: '^(server|extension|shared)/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '(^test/|\\.test\\.tsx?$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|\\.output|\\.wxt)/' },
    // Type-only imports count: a cycle through types is still two folders that need each other.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
