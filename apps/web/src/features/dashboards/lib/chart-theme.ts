/** Chart colours, matching the app's status and accent colours in globals.css. */
export const CHART_COLORS = {
  primary: "#2f5bd3",
  primarySoft: "#9db3ea",
  error: "#c42b2b",
  warning: "#9a6200",
} as const;

/** Every chart fills its panel's width at one height; with `responsive` it follows resizes. */
export const CHART_STYLE = { width: "100%", height: 240 } as const;

/** A horizontal bar chart tall enough to label every bar. */
export function sizeBarList(barCount: number) {
  return { width: "100%", height: Math.max(CHART_STYLE.height, barCount * 26 + 40) } as const;
}
