import { describe, expect, it } from "vitest";
import { measureTimeline, placeOnTimeline } from "./step-timeline";

const at = (ms: number) => new Date(Date.UTC(2025, 2, 1, 10) + ms);

describe("the step waterfall", () => {
  it("places each step by its start and length within the run", () => {
    const timeline = measureTimeline({ startTime: at(0), endTime: at(2_000) }, []);
    expect(placeOnTimeline({ startTime: at(500), endTime: at(1_500) }, timeline)).toEqual({
      left: 25,
      width: 50,
    });
  });

  it("stretches to a step that ends after its run", () => {
    const timeline = measureTimeline({ startTime: at(0), endTime: at(1_000) }, [
      { startTime: at(500), endTime: at(4_000) },
    ]);
    expect(timeline.totalMs).toBe(4_000);
  });

  it("gives a running step a visible sliver", () => {
    const timeline = measureTimeline({ startTime: at(0), endTime: at(1_000) }, []);
    expect(placeOnTimeline({ startTime: at(1_000), endTime: null }, timeline)).toEqual({
      left: 100,
      width: 0.5,
    });
  });
});
