/** The footer of a paged list: more to load, loading, or the end. */
export function LoadMore({
  hasMore,
  isLoading,
  onLoadMore,
  shownCount,
  noun,
}: {
  hasMore: boolean;
  isLoading: boolean;
  onLoadMore: () => void;
  shownCount: number;
  noun: string;
}) {
  return (
    <div className="table-footer">
      {hasMore ? (
        <button type="button" className="button" onClick={onLoadMore} disabled={isLoading}>
          {isLoading ? "Loading…" : `Load more ${noun}`}
        </button>
      ) : (
        <span className="faint">
          All {shownCount} {noun} shown
        </span>
      )}
    </div>
  );
}
