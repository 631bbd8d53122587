/**
 * Ten opinions heard by one cadre, for the office's review loop (issue 10) over HTTP and in the console. Two about
 * the campus network (网速 / 上网课断线) are one problem the model is not sure enough of to merge; the library
 * closing early and its seats share the place and 期末 but not the complaint: that suggestion is the false kind the
 * office rejects. Worded so that the shipped pair model offers both; a retrained model may need other wording
 * (the a–p model needed 复习 in the seats record, with which the a–ab one merges the two — the wrong-merge kind this
 * suggestion stands for; the a–ap one merges the network pair when the second says 网络不稳定，晚上上网课掉线).
 */
export const BORDERLINE_OPINIONS = {
  bath1: '澡堂人太多，排队洗澡要等半小时',
  bath2: '浴室高峰期太拥挤，排队洗澡要等半小时以上',
  express: '快递点离宿舍太远，取快递很不方便',
  hours: '图书馆闭馆太早，期末复习没地方去',
  price1: '食堂饭菜涨价了，学生吃不起',
  price2: '餐厅菜价偏贵，希望控制价格',
  seats: '图书馆座位太少，期末一座难求',
  net1: '校园网网速太慢，晚上经常断网',
  projector: '教室投影仪经常坏，影响上课',
  net2: '上网课的时候老是断线',
} as const;
