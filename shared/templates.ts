/**
 * Campaign templates (◆ `template` in POST /api/v1/campaigns): the stages, vocabularies and
 * obligations of the four campaign types found in the seeds (DOMAIN.md). Dates are filled in for
 * the campaign's year; the office can adjust any of it after creating the campaign.
 */
import type { Obligations, Stage, TemplateKey } from './model/campaign';
import { CHANNELS, FROM_GROUPS } from './model/record';

export interface CampaignTemplate {
  title: string;
  stages: Stage[];
  categories: string[];
  channels: string[];
  fromGroups: string[];
  obligations: Obligations;
}

/** The 四风 every Party campaign of the period asks about. */
const FOUR_WINDS = ['形式主义', '官僚主义', '享乐主义', '奢靡之风'];

const stage = (year: number, key: string, title: string, start: string, end: string): Stage => ({
  key,
  title,
  start: `${year}-${start}`,
  end: `${year}-${end}`,
});

export function campaignTemplate(key: TemplateKey, year: number): CampaignTemplate {
  switch (key) {
    // Seed 000: three stages; opinions gathered from students and teachers by area.
    case 'mass-line':
      return {
        title: '党的群众路线教育实践活动',
        stages: [
          stage(year, 'study-listen', '学习教育、听取意见', '01-01', '04-30'),
          stage(year, 'examine-criticize', '查摆问题、开展批评', '05-01', '08-31'),
          stage(year, 'rectify-build', '整改落实、建章立制', '09-01', '12-31'),
        ],
        categories: ['团学活动', '学生科研', '教学管理', '校园建设', '毕业就业', '安全管理', ...FOUR_WINDS],
        channels: [...CHANNELS],
        fromGroups: [...FROM_GROUPS],
        obligations: { studyMinutesPerStage: 600, reflectionsPerStage: 1, reflectionMinChars: 1500 },
      };
    // Seed 004: four stages ending 05-31, 06-30, 10-31, 12-31; the three lists closed off one by one.
    case 'grassroots':
      return {
        title: '下基层察民情解民忧暖民心',
        stages: [
          stage(year, 'mobilize', '动员部署', '05-01', '05-31'),
          stage(year, 'carry-out', '全面开展', '06-01', '06-30'),
          stage(year, 'deepen', '持续深化', '07-01', '10-31'),
          stage(year, 'consolidate', '巩固提升', '11-01', '12-31'),
        ],
        categories: ['教学备考', '师德师风', '收费助学', '后勤服务', '校园安全'],
        channels: ['走访/入户家访', '座谈会', '谈心谈话', '问卷调查', '来信来访', '网络留言', '实地考察'],
        fromGroups: ['学生', '家长', '教师', '职工', '群众/居民'],
        obligations: { talksPerQuarter: 1 },
      };
    // Seed 002: a standing programme counted by quarter — a talk (约谈) at least once a quarter.
    case 'counselor-contact':
      return {
        title: '领导干部直接联系服务辅导员',
        stages: [
          stage(year, 'q1', '第一季度', '01-01', '03-31'),
          stage(year, 'q2', '第二季度', '04-01', '06-30'),
          stage(year, 'q3', '第三季度', '07-01', '09-30'),
          stage(year, 'q4', '第四季度', '10-01', '12-31'),
        ],
        categories: ['思想政治', '工作指导', '职业发展', '生活困难', '学习深造'],
        channels: ['约谈', '谈心谈话', '座谈会', '实地考察'],
        fromGroups: ['辅导员'],
        obligations: { talksPerQuarter: 1 },
      };
    // Seeds 003 and 001: five stages; study sessions and written reflections (心得体会) are counted.
    case 'excellence':
      return {
        title: '创先争优活动',
        stages: [
          stage(year, 'mobilize', '动员部署', '01-01', '02-28'),
          stage(year, 'study', '学习', '03-01', '05-31'),
          stage(year, 'examine', '查摆', '06-01', '08-31'),
          stage(year, 'rectify', '整改', '09-01', '11-30'),
          stage(year, 'summarize', '总结', '12-01', '12-31'),
        ],
        categories: ['服务群众', '教学科研', '作风建设', '制度建设', ...FOUR_WINDS],
        channels: [...CHANNELS],
        fromGroups: [...FROM_GROUPS],
        // "1.2万字 per member" over the campaign: about 2,400 characters of reflection per stage.
        obligations: { studyMinutesPerStage: 480, reflectionsPerStage: 1, reflectionMinChars: 2400 },
      };
  }
}
