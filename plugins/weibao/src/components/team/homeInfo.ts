/**
 * The team home card's title and description (the description shows in the widget catalog
 * of a customisable home page). Kept apart from the card's code, which loads lazily.
 */
export const teamHomeCardInfo = {
  title: 'My teams’ systems 我的团队维保的系统',
  description: "Your teams' hospital systems needing attention, at risk first",
};
