"use client";

import { useInfiniteQuery, type QueryKey } from "@tanstack/react-query";
import { Button } from "../../../_components/Button";

interface PagedQuery<Page, Item> {
  queryKey: QueryKey;
  /** One page of the list; `token` is undefined for the first. */
  fetchPage: (token: string | undefined) => Promise<Page>;
  items: (page: Page) => Item[];
  /** The token of the page after this one; undefined at the end. */
  next: (page: Page) => string | undefined;
  refetchInterval?: number;
}

/** A CloudWatch Logs list read page by page (nextToken), as one growing array. */
export function usePagedQuery<Page, Item>({ queryKey, fetchPage, items, next, refetchInterval }: PagedQuery<Page, Item>) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: next,
    select: (data) => data.pages.flatMap(items),
    refetchInterval,
  });
}

/** The button under a list that reads its next page. */
export function LoadMore({ query, label = "Load more" }: { query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown }; label?: string }) {
  if (!query.hasNextPage) return null;
  return (
    <div className="load-more">
      <Button loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
        {label}
      </Button>
    </div>
  );
}
