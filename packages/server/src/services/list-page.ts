/**
 * One slice of a list as the storage reads it: rows in id order, only those after `after` (a page's marker),
 * at most `take` of them. Without a page a list reads every matching row, still in id order.
 */
export interface ListPage {
  after?: string;
  take?: number;
}
