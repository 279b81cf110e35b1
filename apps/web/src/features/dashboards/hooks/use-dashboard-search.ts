"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import {
  parseDashboardSearch,
  serializeDashboardSearch,
  type DashboardSearch,
} from "../lib/dashboard-search";

/** The dashboard's settings, read from and written to the URL. */
export function useDashboardSearch() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const search = useMemo(() => parseDashboardSearch(new URLSearchParams(searchParams)), [searchParams]);
  const setSearch = useCallback(
    (next: DashboardSearch) => {
      router.push(`${pathname}?${serializeDashboardSearch(next)}`, { scroll: false });
    },
    [router, pathname],
  );
  return { search, setSearch };
}
