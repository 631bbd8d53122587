import { defineConfig } from 'wxt';

/**
 * Test builds (`wxt build --mode test`, and `-b firefox --mode test`) are granted the loopback origin
 * up front: a test driver cannot answer a permission prompt, and the fixture OA pages and the test
 * server both live on 127.0.0.1. Real builds ask for each OA site's permission from a click in the
 * options page.
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
            gecko: {
              id: 'taizhang@taizhang.edu.cn',
              // 128 for storage.session, persistent registerContentScripts and MV3 optional host
              // permissions; 140 because that is where Firefox's own data-collection consent (below)
              // begins, and AMO asks an add-on that also runs on older versions for a consent
              // screen of its own. 140 is an ESR, so managed campus machines have it.
              strict_min_version: '140.0',
              // AMO's taxonomy counts anything handled outside the browser as transmitted, whoever
              // runs the receiving server: a campus's own server is no exception, so "none" would be
              // false. What leaves the browser is what the cadre saves, sent to the server address
              // they typed: names in 发言人/谈话对象/参加人员 (personallyIdentifyingInfo), the OA page's
              // address (browsingActivity) and its title, 文号, issuer and the quoted passage
              // (websiteContent), and the member's token on every request (authenticationInfo, an
              // account-based service). All required: without them the extension does nothing.
              // Not personalCommunications: a 谈心谈话 record is the cadre's own note, not messages
              // read from a mail or chat service. No telemetry, so no technicalAndInteraction.
              data_collection_permissions: {
                required: ['personallyIdentifyingInfo', 'authenticationInfo', 'browsingActivity', 'websiteContent'],
              },
            },
          },
          // Firefox honours this only for temporarily installed (and privileged) add-ons: the test
          // build, loaded as a temporary add-on, then holds its loopback host_permissions from the
          // install, as the Chromium test build does. A signed, normally installed build ignores it.
          ...(mode === 'test' ? { granted_host_permissions: true } : {}),
        }
      : {}),
  }),
});
