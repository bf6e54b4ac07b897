// completionContext: what the parser accepts at a cursor, marked `<|>` in each fixture.
import { describe, expect, it } from "vitest";
import { completionContext, type CompletionContext } from "../../grammar";

const TOP = ["task", "milestone", "resource", "calendar", "risk", "project", "import"];
const TASK_FIELDS = ["duration", "effort", "estimate", "assign", "after", "cost", "budget", "done", "started", "finished", "spent", "note", "priority", "calendar", "start", "finish", "as", "deadline", "task", "milestone"];

function at(fixture: string): CompletionContext {
  const offset = fixture.indexOf("<|>");
  return completionContext(fixture.replace("<|>", ""), offset);
}

const none = { keywords: [], refKind: undefined, literals: [], prefix: "", enclosingTasks: [] };

// [fixture, expected context (fields not given are as in `none`)]
const CASES: [string, Partial<CompletionContext>][] = [
  ["<|>", { keywords: TOP }],
  ["ta<|>", { keywords: TOP, prefix: "ta" }],
  ["task <|>", { literals: ["identifier"] }],
  ["task p { task <|>", { literals: ["identifier"], enclosingTasks: ["p"] }],
  ["task a { duration 5d }\n<|>", { keywords: TOP }],
  ["task a { <|> }", { keywords: TASK_FIELDS, enclosingTasks: ["a"] }],
  ["task a { dur<|> }", { keywords: TASK_FIELDS, prefix: "dur", enclosingTasks: ["a"] }],
  ["task a { duration <|> }", { literals: ["duration"], enclosingTasks: ["a"] }],
  ["task a { duration 5<|> }", { literals: ["unit"], enclosingTasks: ["a"] }],
  ["task a { effort 5m<|> }", { literals: ["unit"], prefix: "m", enclosingTasks: ["a"] }],
  ["task a { estimate 3d..<|> }", { literals: ["duration"], enclosingTasks: ["a"] }],
  ["task a { after <|> }", { refKind: "task", enclosingTasks: ["a"] }],
  ["task a { after b, c<|> }", { refKind: "task", prefix: "c", enclosingTasks: ["a"] }],
  ["task a { after b <|> }", { keywords: ["FS", "SS", "FF", "SF", ...TASK_FIELDS], enclosingTasks: ["a"] }],
  ["task a { after b S<|> }", { keywords: ["FS", "SS", "FF", "SF", ...TASK_FIELDS], prefix: "S", enclosingTasks: ["a"] }],
  ["task a { after build.da<|> }", { refKind: "task", prefix: "da", qualifier: ["build"], enclosingTasks: ["a"] }],
  ["task a { assign <|> }", { refKind: "resource", enclosingTasks: ["a"] }],
  ["task a { assign dev <|>", { keywords: TASK_FIELDS, literals: ["percent"], enclosingTasks: ["a"] }],
  ["task a { calendar <|> }", { refKind: "calendar", enclosingTasks: ["a"] }],
  ["task a { start <|>", { keywords: ["no", "on"], enclosingTasks: ["a"] }],
  ["task a { start no earlier than <|>", { literals: ["date"], enclosingTasks: ["a"] }],
  ["task a { as late as <|> }", { keywords: ["possible"], enclosingTasks: ["a"] }],
  ["task a { cost 100 <|> }", { keywords: TASK_FIELDS, literals: ["string"], enclosingTasks: ["a"] }],
  ["task p { task q { duration 5d <|> } }", { keywords: TASK_FIELDS, enclosingTasks: ["p", "q"] }],
  // broken text before the cursor: the user is typing
  ["task p { duration 5d }\ntask q { task r { effort 3d  foo bar <|>", { keywords: TASK_FIELDS, enclosingTasks: ["q", "r"] }],
  ["task q { duration ,, 5d\n  after <|>", { refKind: "task", enclosingTasks: ["q"] }],
  ["task q { task r { } task s { after r } <|>", { keywords: TASK_FIELDS, enclosingTasks: ["q"] }],
  ["resource r { <|> }", { keywords: ["role", "rate", "units", "off", "calendar", "kind"] }],
  ["resource r { rate <|> }", { literals: ["rate"] }],
  ["resource r { units <|> }", { literals: ["number", "percent"] }],
  ["resource r { kind <|> }", { keywords: ["person", "vendor"] }],
  ["calendar c { hours <|>", { literals: ["time"] }],
  ["calendar c { holiday 2027-01-01 <|>", { keywords: ["workweek", "hours", "holiday"], literals: ["string"] }],
  ["risk r { affects <|>", { refKind: "task" }],
  ["risk r { owner <|>", { refKind: "resource" }],
  ["risk r { probability <|>", { literals: ["percent"] }],
  ["risk r { status <|>", { keywords: ["open", "mitigated", "closed", "occurred"] }],
  ["project { <|>", { keywords: ["start", "currency", "budget", "calendar", "status", "leveling"] }],
  ["project { leveling <|>", { keywords: ["on", "off"] }],
  ["project { start <|>", { literals: ["date"] }],
  // nothing to complete inside a string or a comment
  ['task a { note "abc<|>', {}],
  ["task a { # comment<|>", {}],
];

describe("completionContext", () => {
  it.each(CASES)("%j", (fixture, expected) => {
    const got = at(fixture);
    expect({ ...got, keywords: [...got.keywords].sort(), literals: [...got.literals].sort() }).toEqual({
      ...none,
      ...expected,
      keywords: [...(expected.keywords ?? [])].sort(),
      literals: [...(expected.literals ?? [])].sort(),
    });
  });

  it("answers for any cursor position in any text without throwing", () => {
    const text = `task a "A" {\n  duration 5d  after b SS +2d, c\n  task x { effort 3d assign dev 50% }\n  note "un"terminated\n} }}} @@ risk`;
    for (let i = 0; i <= text.length; i++) expect(() => completionContext(text, i)).not.toThrow();
  });
});
