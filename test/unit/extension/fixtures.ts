/** Record fields the extension's unit tests save: a complete opinion, as the sidebar's form would hand it over. */
export const opinionFields = (content: string) => ({
  kind: 'opinion',
  campaignId: 'k1',
  content,
  fromGroup: '学生',
  channel: '座谈会',
  category: '后勤服务',
  heardOn: '2026-01-05',
  deleted: false,
});
