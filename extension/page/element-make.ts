/**
 * What makes page elements "of one make": their tag and base class. A modifier class beside it (`todo-card
 * urgent`, `item is-read`) marks one entry out; it does not make it another kind of entry. Runs of like
 * siblings (a list's entries, a chat's messages, a grid's rows) are found by it.
 */
export const makeOf = (el: Element): string => `${el.tagName}.${(el.getAttribute('class') ?? '').trim().split(/\s+/)[0] ?? ''}`;

/** `el` and its siblings of its make: the run of like entries it stands in. */
export const siblingsAlike = (el: Element): Element[] =>
  el.parentElement ? Array.from(el.parentElement.children).filter((sibling) => makeOf(sibling) === makeOf(el)) : [el];
