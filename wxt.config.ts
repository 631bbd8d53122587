import { defineConfig } from 'wxt';

/**
 * Test builds (`wxt build --mode test`) are granted the loopback origin up front: Playwright cannot
 * answer a permission prompt, and the fixture OA pages and the test server both live on 127.0.0.1.
 * Real builds ask for each OA site's permission from a click in the options page.
 *
 * `TAIZHANG_OUT_DIR` lets the build tests write a production or Firefox build somewhere else than
 * `.output`, so they never disturb the test build the browser tests load.
 */
export default defineConfig({
  srcDir: 'extension',
  // MV3 on Firefox too (WXT would default to MV2 there): one permissions model for both browsers.
  manifestVersion: 3,
  ...(process.env.TAIZHANG_OUT_DIR ? { outDir: process.env.TAIZHANG_OUT_DIR } : {}),
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}{{modeSuffix}}',
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
  manifest: ({ mode, browser }) => ({
    name: '台账 Taizhang',
    description: '在校园 OA 页面旁记录意见建议、学习和谈心谈话，汇入活动台账。',
    permissions: ['storage', 'alarms', 'activeTab', 'scripting', 'contextMenus'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    host_permissions: mode === 'test' ? ['http://127.0.0.1/*', 'http://localhost/*'] : [],
    action: { default_title: '台账' },
    // The sidebar is an extension page framed into OA pages; nothing else is exposed to web pages.
    // On Chrome it is reachable only under a per-session random id (use_dynamic_url), so a page
    // cannot frame it by guessing the extension's id; Firefox already uses a random per-install UUID.
    web_accessible_resources: [
      { resources: ['sidebar.html'], matches: ['http://*/*', 'https://*/*'], ...(browser === 'firefox' ? {} : { use_dynamic_url: true }) },
    ],
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+T' },
        description: '打开或关闭台账侧栏',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // storage.session, scripting.registerContentScripts with persistAcrossSessions, and
            // optional_host_permissions in MV3 all need Firefox 128 or later.
            gecko: { id: 'taizhang@taizhang.edu.cn', strict_min_version: '128.0' },
          },
        }
      : {}),
  }),
});
