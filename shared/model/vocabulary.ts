/**
 * Record kinds and the default vocabularies from DOMAIN.md as plain constants, without zod, so
 * code that only needs the words (the extension's sidebar on its first paint) does not load the
 * schema library. `record.ts` re-exports them; import from either.
 */
export const RECORD_KINDS = ['opinion', 'study', 'talk'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const FROM_GROUPS = ['学生', '教师', '辅导员', '家长', '职工', '离退休', '群众/居民', '校友'] as const;
export const CHANNELS = ['座谈会', '问卷调查', '走访/入户家访', '谈心谈话', '来信来访', '网络留言', '约谈', '实地考察'] as const;
export const STUDY_MODES = ['集中学习', '自学', '专题党课', '专题讲座/培训', '研讨交流', '主题党日'] as const;

/** A study mode other than individual study (自学, 个人自学…) is done together: a 集体学习记录 session. */
export const isCollectiveMode = (mode: string) => mode.trim() !== '' && !mode.includes('自学');
