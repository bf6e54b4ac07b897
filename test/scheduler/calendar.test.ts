import { describe, expect, it } from "vitest";
import { addWorking, dayMinutes, intersect, nextWorking, prevWorkingEnd, workingBetween, workTime } from "../../core/calendar";
import { formatMinutes, parseMinutes } from "../../core/dates";
import { calendar } from "./build";

const t = (s: string) => parseMinutes(s)!;
const std = workTime(calendar({ holidays: [["2027-01-18", "2027-01-18", "MLK Day"]] }));

describe("working time", () => {
  it.each([
    ["2027-01-04T00:00", "2027-01-04T08:00"],
    ["2027-01-04T12:00", "2027-01-04T13:00"],
    ["2027-01-04T10:30", "2027-01-04T10:30"],
    ["2027-01-08T17:00", "2027-01-11T08:00"],
    ["2027-01-16T09:00", "2027-01-19T08:00"], // weekend, then MLK Day
  ])("nextWorking %s → %s", (a, b) => expect(formatMinutes(nextWorking(std, t(a)))).toBe(b));

  it.each([
    ["2027-01-04T08:00", 480, "2027-01-04T17:00"],
    ["2027-01-04T13:00", 240, "2027-01-04T17:00"],
    ["2027-01-04T08:00", 240, "2027-01-04T12:00"],
    ["2027-01-04T08:00", 2400, "2027-01-08T17:00"],
    ["2027-01-04T08:00", 5280, "2027-01-19T17:00"], // 10d across a weekend and a holiday
    ["2027-01-08T17:00", 60, "2027-01-11T09:00"],
    ["2027-01-04T08:00", 480 * 500, "2028-12-04T17:00"], // 100 weeks plus the holiday,
    ["2027-01-08T17:00", -480, "2027-01-08T08:00"],
    ["2027-01-11T08:00", -480, "2027-01-08T08:00"],
    ["2027-01-19T17:00", -5280, "2027-01-04T08:00"],
  ])("addWorking %s %i → %s", (a, m, b) => expect(formatMinutes(addWorking(std, t(a), m))).toBe(b));

  it("counts working minutes between times", () => {
    expect(workingBetween(std, t("2027-01-04T08:00"), t("2027-01-19T17:00"))).toBe(5280);
    expect(workingBetween(std, t("2027-01-19T17:00"), t("2027-01-04T08:00"))).toBe(-5280);
    expect(workingBetween(std, t("2027-01-16T00:00"), t("2027-01-19T00:00"))).toBe(0);
    expect(dayMinutes(std, 20_000)).toBe(480); // 2024-10-04, a Friday
    expect(dayMinutes(std, 20_002)).toBe(0); // the Sunday after
  });

  it("ends a backward search at the end of a working range", () => {
    expect(formatMinutes(prevWorkingEnd(std, t("2027-01-11T08:00")))).toBe("2027-01-08T17:00");
    expect(formatMinutes(prevWorkingEnd(std, t("2027-01-19T08:00")))).toBe("2027-01-15T17:00");
  });

  it("intersects calendars and vacations", () => {
    const late = workTime(calendar({ hours: [[10, 18]], workdays: "0111111" }), [{ from: 0, to: 0, name: undefined }]);
    const both = intersect(std, late);
    expect(formatMinutes(nextWorking(both, t("2027-01-04T08:00")))).toBe("2027-01-05T10:00");
    expect(formatMinutes(addWorking(both, t("2027-01-05T10:00"), 360))).toBe("2027-01-05T17:00");
    expect(workingBetween(both, t("2027-01-04T00:00"), t("2027-01-11T00:00"))).toBe(4 * 360);
  });
});
