import { describe, expect, it } from "vitest";
import {
  buildProjectPath,
  buildSessionTracesPath,
  buildTracePath,
  findActiveSection,
} from "./project-sections";

describe("findActiveSection", () => {
  it("finds the section of a project page, including pages nested under it", () => {
    expect(findActiveSection("/project/p1/traces")).toBe("traces");
    expect(findActiveSection("/project/p1/traces/trace-9")).toBe("traces");
    expect(findActiveSection("/project/p1/settings")).toBe("settings");
  });

  it("finds none outside a known section", () => {
    expect(findActiveSection("/")).toBeNull();
    expect(findActiveSection("/project/p1")).toBeNull();
    expect(findActiveSection("/project/p1/unknown")).toBeNull();
  });
});

describe("project paths", () => {
  it("encodes ids that are not URL-safe", () => {
    expect(buildProjectPath("p1", "sessions")).toBe("/project/p1/sessions");
    expect(buildTracePath("p1", "run/1 a")).toBe("/project/p1/traces/run%2F1%20a");
    expect(buildSessionTracesPath("p1", "chat#7")).toBe("/project/p1/traces?session=chat%237");
  });
});
