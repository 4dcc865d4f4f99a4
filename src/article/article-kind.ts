/** What an article is: a dated news item or an undated standing page. */
export enum ArticleKind {
  NEWS = 'NEWS',
  PAGE = 'PAGE',
}
