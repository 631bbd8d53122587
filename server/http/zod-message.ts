/** Turns a zod failure into one plain Chinese sentence and the dotted path of the field at fault. */
import type { ZodError, ZodIssue } from 'zod';

export function describeZodError(error: ZodError, prefix?: string): { message: string; field?: string } {
  const issue = error.issues[0];
  if (!issue) return { message: '输入无效' };
  const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.');
  // A rule of our own (a refinement) says in its own words which field it is about; the others get the path.
  const ownWords = issue.code === 'custom' && /[\u4e00-\u9fff]/.test(issue.message);
  return { message: path && !ownWords ? `${path}：${issueMessage(issue)}` : issueMessage(issue), ...(path ? { field: path } : {}) };
}

function issueMessage(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' ? '必填' : `类型错误（应为 ${typeName(issue.expected)}）`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'invalid_enum_value':
      return /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : `取值应为 ${issue.options.join('、')} 之一`;
    case 'invalid_literal':
      return /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : `取值应为 ${String(issue.expected)}`;
    case 'too_big':
      return /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : `过大或过长（上限 ${String(issue.maximum)}）`;
    case 'too_small':
      return /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : `过小或过短（下限 ${String(issue.minimum)}）`;
    default:
      // Our schemas carry Chinese messages; zod's English defaults are replaced by a generic one.
      return /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : '取值无效';
  }
}

function typeName(t: string): string {
  const names: Record<string, string> = { string: '字符串', number: '数字', integer: '整数', boolean: '布尔值', object: '对象', array: '数组', null: 'null' };
  return names[t] ?? t;
}
