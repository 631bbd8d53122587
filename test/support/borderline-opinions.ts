/**
 * Ten opinions heard by one cadre, for the office's review loop (issue 10) over HTTP and in the console; the two
 * about the bath house are the pair the shipped model merges, which the list and console tests build on. Two about
 * the campus network (网速 / 网课掉线) are one problem the model is not sure enough of to merge; the library
 * closing early and its seats share the place and 期末 but not the complaint: that suggestion is the false kind the
 * office rejects. Worded so that the shipped pair model offers both (at about 0.68 and 0.66, between the suggestion
 * floor 0.5 and the join threshold 0.85); each retrained model has needed other wording, as it grows surer of
 * more pairs, and so did the memory of known problems (it was sure of the network pair, and sure the library's two
 * were two problems), its links across sets (the library pair fell to 0.50) and the text embedding (round 27: the
 * model trained on 203 sets was sure of the network pair, the embedding sure the library's were two): find wording
 * that sits between the two again, not a test that asks less.
 */
export const BORDERLINE_OPINIONS = {
  bath1: '澡堂人太多，排队洗澡要等半小时',
  bath2: '浴室人太多，洗澡排队要等半小时',
  express: '快递点离宿舍太远，取快递很不方便',
  hours: '图书馆闭馆太早，期末复习没地方去',
  price1: '食堂饭菜涨价了，学生吃不起',
  price2: '餐厅菜价偏贵，希望控制价格',
  seats: '图书馆期末复习没地方去，座位紧张',
  net1: '校园网网速太慢，经常断',
  projector: '教室投影仪经常坏，影响上课',
  net2: '晚上上网不稳，会议软件老断',
} as const;
