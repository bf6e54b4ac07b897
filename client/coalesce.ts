// At most one run of a task at a time, however often it is asked for: a request while it
// runs makes one more run after it, and requests while it runs beyond the first add
// nothing. The schedule panel fetches the plan's schedule this way: the server answers
// each fetch with the whole schedule (13 MB on a 10k-task plan), and a fetch per analysis
// while typing would queue them up in the server ahead of the next keystroke's diagnostics.
// Free of `vscode`, so it is tested on its own.

/** `task`, run once now, or once more after the run under way when one is. */
export function coalesce(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  const loop = async () => {
    try {
      do {
        again = false;
        await task().catch(() => undefined);
      } while (again);
    } finally {
      running = undefined;
    }
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    return (running = loop());
  };
}
