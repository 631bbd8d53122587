import { defineConfig } from 'wxt';

/**
 * Test builds (`wxt build --mode test`) are granted the loopback origin up front: Playwright cannot
 * answer a permission prompt, and the fixture OA pages and the test server both live on 127.0.0.1.
 * Real builds ask for each OA site's permission from a click in the options page.
 */
export default defineConfig({
  srcDir: 'extension',
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}{{modeSuffix}}',
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
  manifest: ({ mode }) => ({
    name: '台账 Taizhang',
    description: '在校园 OA 页面旁记录意见建议、学习和谈心谈话，汇入活动台账。',
    permissions: ['storage', 'alarms', 'activeTab', 'scripting', 'contextMenus'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    host_permissions: mode === 'test' ? ['http://127.0.0.1/*', 'http://localhost/*'] : [],
    action: { default_title: '台账' },
    // The sidebar is an extension page framed into OA pages; nothing else is exposed to web pages.
    web_accessible_resources: [{ resources: ['sidebar.html'], matches: ['http://*/*', 'https://*/*'] }],
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+T' },
        description: '打开或关闭台账侧栏',
      },
    },
  }),
});
