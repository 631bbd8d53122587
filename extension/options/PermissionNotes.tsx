/** Why the extension asks for each permission, in the words a cadre would use (manifest `permissions` and the hosts asked at run time). */

const NOTES: [string, string][] = [
  ['访问台账服务器', '点击“测试连接并保存”时询问：只用于与单位的台账服务器同步您的记录和任务。'],
  ['访问您添加的 OA 网站', '添加网站时询问：在这些网站上显示台账按钮，读取当前公文的标题、文号和您选中的文字；不读取其他网站，也不改动网页。'],
  ['当前标签页', '您点击工具栏按钮、按 Alt+Shift+T 或用右键菜单时，只在当前这一页打开侧栏。'],
  ['脚本', '在上面的 OA 网站上放置台账按钮和侧栏。'],
  ['存储', '在本机保存尚未同步的记录、草稿和设置，断网时也不丢失。'],
  ['定时', '每隔几分钟同步一次，并更新工具栏上的任务数。'],
  ['右键菜单', '选中文字后可“记为意见建议”或“记为学习内容”。'],
];

export function PermissionNotes() {
  return (
    <section aria-labelledby="permissions-title">
      <h2 id="permissions-title">台账需要的权限</h2>
      <dl class="permissions" data-testid="tz-opt-permissions">
        {NOTES.map(([name, why]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{why}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
