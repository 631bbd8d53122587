/** What every exported list prints above its header: the campaign, 填报单位 and 填报日期. */
import { todayIn } from '../../../shared/calendar';
import type { CampaignDoc } from '../../store/store';

export interface ExportHeading {
  campaignTitle: string;
  unit: string;
  date: string;
  /** The deployment's zone (TZ_NAME): every day printed below the heading is read in it. */
  timeZone: string;
}

/** 填报日期 is today in the deployment's zone, where the lists are filed. */
export function headingFor(campaign: CampaignDoc, now: Date, timeZone: string): ExportHeading {
  return { campaignTitle: campaign.title, unit: campaign.unit ?? '', date: todayIn(timeZone, now), timeZone };
}

/** The sheet's name and its title row: `<campaign> <list title>`, 填报单位, 填报日期. */
export function sheetHeading(heading: ExportHeading, name: string, listTitle = name) {
  return { name, title: `${heading.campaignTitle} ${listTitle}`, unit: heading.unit, date: heading.date };
}
