import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { TableOptions } from '@backstage/core-components';

/** The page sizes a full-page list offers. */
const PAGE_SIZES = [20, 50, 100];

/**
 * The options of Weibao's tables, from what differs between them: a list on a card pages by
 * `pageSize` once it has more `rows` (none without `pageSize`); a full-page list (`rows` left
 * out) always pages, offering 20, 50 or 100 rows. No search, sorting or toolbar unless asked.
 */
export function listOptions<T extends object>(list: {
  pageSize?: number;
  rows?: number;
  search?: boolean;
  sorting?: boolean;
  toolbar?: boolean;
  dense?: boolean;
  rowStyle?: TableOptions<T>['rowStyle'];
}): TableOptions<T> {
  const { pageSize, rows } = list;
  const paging =
    pageSize !== undefined && (rows === undefined || rows > pageSize);
  return {
    paging,
    ...(pageSize !== undefined ? { pageSize } : {}),
    ...(rows === undefined && pageSize !== undefined
      ? { pageSizeOptions: PAGE_SIZES }
      : {}),
    search: list.search ?? false,
    sorting: list.sorting ?? false,
    toolbar: list.toolbar ?? false,
    ...(list.dense ? { padding: 'dense' as const } : {}),
    ...(list.rowStyle ? { rowStyle: list.rowStyle } : {}),
  };
}

/** What a table shows when it has no rows. */
export function EmptyRows(props: { text: string }) {
  return (
    <Box p={2}>
      <Typography>{props.text}</Typography>
    </Box>
  );
}
