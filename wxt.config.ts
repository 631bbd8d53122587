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
    // Name, description and titles come from public/_locales (zh_CN by default, en for English browsers).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    permissions: ['storage', 'alarms', 'activeTab', 'scripting', 'contextMenus'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    host_permissions: mode === 'test' ? ['http://127.0.0.1/*', 'http://localhost/*'] : [],
    // Icons: public/icon/<size>.png, which WXT lists itself (drawn by extension/icons/render-icons.ts).
    action: { default_title: '__MSG_actionTitle__', default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' } },
    // The sidebar is an extension page framed into OA pages; nothing else is exposed to web pages.
    // On Chrome it is reachable only under a per-session random id (use_dynamic_url), so a page
    // cannot frame it by guessing the extension's id; Firefox already uses a random per-install UUID.
    web_accessible_resources: [
      { resources: ['sidebar.html'], matches: ['http://*/*', 'https://*/*'], ...(browser === 'firefox' ? {} : { use_dynamic_url: true }) },
    ],
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+T' },
        description: '__MSG_commandToggle__',
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
