/** What every exported list prints above its header: the campaign, 填报单位 and 填报日期. */
import type { CampaignDoc } from '../../store/store';

export interface ExportHeading {
  campaignTitle: string;
  unit: string;
  date: string;
}

/** 填报日期 is today in China, where the lists are filed. */
export function headingFor(campaign: CampaignDoc, now: Date = new Date()): ExportHeading {
  const date = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(now);
  return { campaignTitle: campaign.title, unit: campaign.unit ?? '', date };
}

/** The sheet's name and its title row: `<campaign> <list title>`, 填报单位, 填报日期. */
export function sheetHeading(heading: ExportHeading, name: string, listTitle = name) {
  return { name, title: `${heading.campaignTitle} ${listTitle}`, unit: heading.unit, date: heading.date };
}
