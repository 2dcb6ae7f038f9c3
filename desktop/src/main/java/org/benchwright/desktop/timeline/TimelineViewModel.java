package org.benchwright.desktop.timeline;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.scene.input.KeyCode;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation timeline of the cursor's run. Its items are only sequence numbers; the events
 * are read from the project a page at a time, rendered off the FX thread and kept in a bounded LRU
 * cache, so a run of any length opens at the cost of one page. Cells ask for their event with
 * {@link #request}; a page no visible cell waits for any more is not read at all (scrolling fast
 * over a long run does not queue up reads of pages already scrolled past).
 *
 * <p>Everything but the page reads runs on the FX thread (see ADR 0020).
 */
public final class TimelineViewModel {

  // Looked up when first needed, not with the class: this class is used on the FX thread before
  // the first frame, and the first logger sets up logging (ADR 0036).
  private static Logger log() {
    return LoggerFactory.getLogger(TimelineViewModel.class);
  }

  /** Events per page: one read, a few hundred KB of rendered entries. */
  static final int PAGE_SIZE = 500;

  /** Pages kept: enough for a screenful and the pages around it, small next to the heap. */
  static final int MAX_PAGES = 24;

  /** Near a page's end the next page is read ahead, so stepping across it does not wait. */
  static final int READ_AHEAD = 50;

  private final UiExecutor executor;
  private final RunCursor cursor;
  private final SeqList items = new SeqList();
  // "Forked from run 3 at event 57 by alice: why": shown over a fork's timeline; "" otherwise.
  private final ReadOnlyStringWrapper forkBanner = new ReadOnlyStringWrapper("");
  // What "Fork from here…" does with a step of the cursor's run; null where forking is not wired.
  private final javafx.beans.property.ObjectProperty<java.util.function.LongConsumer> forkAction =
      new javafx.beans.property.SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper placeholder =
      new ReadOnlyStringWrapper("Select a run to follow its conversation");

  private final Map<Long, Page> pages =
      new LinkedHashMap<>(MAX_PAGES * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Page> eldest) {
          return size() > MAX_PAGES;
        }
      };
  // Who waits for which page (FX thread), and the same as a set the workers can read.
  private final Map<Long, Map<Object, Waiter>> waiting = new HashMap<>();
  private final Map<Object, Long> waitingFor = new HashMap<>();
  private final Set<Long> wanted = ConcurrentHashMap.newKeySet();
  // Pages read ahead of the cursor: wanted even though no cell shows them yet.
  private final Set<Long> readingAhead = ConcurrentHashMap.newKeySet();
  private final Set<Long> loading = new java.util.HashSet<>();
  private final Set<Long> retried = new java.util.HashSet<>();

  // Bumped when the run changes: page reads of the previous run are dropped.
  private long generation;
  private final javafx.beans.property.ReadOnlyLongWrapper pageReads =
      new javafx.beans.property.ReadOnlyLongWrapper();

  private record Waiter(long seq, Consumer<EventEntry> whenLoaded) {}

  /**
   * Events as read; each is rendered the first time a cell shows it. Rendering a whole page up
   * front costs far more than reading it (JSON of model responses), and only a screenful of it is
   * ever looked at right away.
   */
  private static final class Page {
    private final long firstSeq;
    private final List<RecordedEvent> events;
    private final EventEntry[] rendered;

    Page(long firstSeq, List<RecordedEvent> events) {
      this.firstSeq = firstSeq;
      this.events = events;
      this.rendered = new EventEntry[events.size()];
    }

    long firstSeq() {
      return firstSeq;
    }

    int size() {
      return events.size();
    }

    EventEntry get(long seq) {
      long i = seq - firstSeq;
      if (i < 0 || i >= events.size()) {
        return null;
      }
      EventEntry e = rendered[(int) i];
      if (e == null) {
        e = EventRenderer.render(events.get((int) i));
        rendered[(int) i] = e;
      }
      return e;
    }
  }

  public TimelineViewModel(UiExecutor executor, RunCursor cursor) {
    this.executor = Objects.requireNonNull(executor);
    this.cursor = Objects.requireNonNull(cursor);
    cursor.runProperty().addListener((o, was, now) -> runChanged(now));
    cursor.lastStepProperty().addListener((o, was, now) -> grew(now.longValue()));
    cursor.stepProperty().addListener((o, was, now) -> readAhead(now.longValue()));
    runChanged(cursor.run());
  }

  public RunCursor cursor() {
    return cursor;
  }

  /** The sequence numbers 1..last of the cursor's run. */
  public ObservableList<Long> items() {
    return items;
  }

  /** What the empty timeline says. */
  public ReadOnlyStringProperty placeholderProperty() {
    return placeholder.getReadOnlyProperty();
  }

  /**
   * Over a fork's timeline: "Forked from run P at event N by WHO: WHY", from its FORK event (read
   * off the FX thread); empty for a run that is not a fork.
   */
  public ReadOnlyStringProperty forkBannerProperty() {
    return forkBanner.getReadOnlyProperty();
  }

  /** What "Fork from here…" calls with the step to fork at; null hides the action. */
  public javafx.beans.property.ObjectProperty<java.util.function.LongConsumer>
      forkActionProperty() {
    return forkAction;
  }

  /** "Fork from here…" at {@code seq} of the cursor's run (nothing when forking is not wired). */
  public void forkAt(long seq) {
    java.util.function.LongConsumer action = forkAction.get();
    if (action != null && cursor.run() != null && seq >= 1) {
      action.accept(seq);
    }
  }

  /**
   * Whether the event at {@code seq} of the cursor's run is one the run shares with the run it was
   * forked from (a fork reads its parent's events up to its fork step; they are not its own).
   */
  public boolean isShared(long seq) {
    RunInfo run = cursor.run();
    return run != null && run.forkSeq() != null && seq <= run.forkSeq();
  }

  /** The list index of a step (steps start at 1); -1 for step 0. */
  public static int indexOf(long seq) {
    return (int) seq - 1;
  }

  /** The event at {@code seq} if its page is in memory, else null (nothing is read). */
  public EventEntry cached(long seq) {
    Page page = pages.get(pageOf(seq));
    return page == null ? null : page.get(seq);
  }

  /**
   * Returns the event at {@code seq} at once when its page is in memory. Otherwise returns null,
   * reads the page in the background and then hands the event to {@code whenLoaded} on the FX
   * thread, unless {@code requester} asked for something else (or {@link #release}d) meanwhile.
   */
  public EventEntry request(long seq, Object requester, Consumer<EventEntry> whenLoaded) {
    release(requester);
    EventEntry hit = cached(seq);
    if (hit != null) {
      return hit;
    }
    long page = pageOf(seq);
    waiting.computeIfAbsent(page, k -> new HashMap<>()).put(requester, new Waiter(seq, whenLoaded));
    waitingFor.put(requester, page);
    wanted.add(page);
    load(page);
    return null;
  }

  /** The requester no longer waits for anything (its cell shows something else or nothing). */
  public void release(Object requester) {
    Long page = waitingFor.remove(requester);
    if (page != null) {
      Map<Object, Waiter> w = waiting.get(page);
      if (w != null) {
        w.remove(requester);
        if (w.isEmpty()) {
          waiting.remove(page);
          wanted.remove(page);
        }
      }
    }
  }

  /**
   * Moves the cursor for a key pressed in the timeline: ←/→ one event, Home/End first/last. Returns
   * whether the key was one of those.
   */
  public boolean handleKey(KeyCode key) {
    if (cursor.run() == null) {
      return false;
    }
    switch (key) {
      // The list has no row for step 0 ("before the first event"): ← stops at the first event.
      case LEFT, KP_LEFT -> cursor.moveTo(Math.max(1, cursor.step() - 1));
      case RIGHT, KP_RIGHT -> cursor.next();
      case HOME -> cursor.first();
      case END -> cursor.last();
      default -> {
        return false;
      }
    }
    return true;
  }

  /** The user selected the event at {@code seq} in the list. */
  public void selected(long seq) {
    if (cursor.run() != null && seq != cursor.step()) {
      cursor.moveTo(seq);
    }
  }

  /**
   * Reads a sandbox exec's full stdout and stderr from the blobs; hands the text to {@code
   * whenLoaded} on the FX thread.
   */
  public void loadOutput(EventEntry entry, Consumer<String> whenLoaded) {
    Project project = cursor.project();
    String[] blobs = entry.outputBlobs();
    if (project == null || blobs == null) {
      whenLoaded.accept("");
      return;
    }
    executor.execute(
        () -> {
          StringBuilder sb = new StringBuilder();
          String out = blob(project, blobs[0]);
          String err = blob(project, blobs[1]);
          sb.append(out.isEmpty() ? "(no standard output)" : out);
          if (!err.isEmpty()) {
            sb.append("\n── standard error ──\n").append(err);
          }
          return sb.toString();
        },
        whenLoaded,
        error -> whenLoaded.accept("The output could not be read: " + error.getMessage()));
  }

  /** Pages read from the project so far (for tests and the benchmark). */
  public long pageReads() {
    return pageReads.get();
  }

  /** Counts page reads; the view re-settles its scroll position when cells change height. */
  public javafx.beans.property.ReadOnlyLongProperty pageReadsProperty() {
    return pageReads.getReadOnlyProperty();
  }

  /** Pages in memory now. */
  public int cachedPages() {
    return pages.size();
  }

  private static String blob(Project project, String sha) {
    if (sha == null) {
      return "";
    }
    return project
        .blobs()
        .get(sha)
        .map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8))
        .orElse("(output " + sha + " is missing from the project)");
  }

  private static long pageOf(long seq) {
    return (seq - 1) / PAGE_SIZE;
  }

  private void runChanged(RunInfo run) {
    generation++;
    pages.clear();
    waiting.clear();
    waitingFor.clear();
    wanted.clear();
    readingAhead.clear();
    loading.clear();
    retried.clear();
    placeholder.set(
        run == null ? "Select a run to follow its conversation" : "This run has no events yet");
    items.reset(run == null ? 0 : (int) cursor.lastStepProperty().get());
    if (run != null) {
      readAhead(cursor.step());
    }
    readForkBanner(run);
  }

  private void readForkBanner(RunInfo run) {
    forkBanner.set("");
    Project project = cursor.project();
    if (run == null || project == null || run.parentRunId() == null) {
      return;
    }
    long gen = generation;
    executor.execute(
        () ->
            project
                .runs()
                .forkEvent(run)
                .map(f -> forkBanner(run, f))
                .orElse("Forked from run " + run.parentRunId() + " at event " + run.forkSeq()),
        text -> {
          if (gen == generation) {
            forkBanner.set(text);
          }
        },
        error -> log().warn("Cannot read the fork event of run {}", run.id(), error));
  }

  /** "Forked from run 3 at event 57 by alice: try a steeper ramp". */
  static String forkBanner(RunInfo run, org.benchwright.engine.project.EventPayload.Fork f) {
    String why = f.why() == null || f.why().isBlank() ? "" : ": " + f.why().strip();
    return "Forked from run "
        + run.parentRunId()
        + " at event "
        + f.atSeq()
        + " by "
        + (f.by() == null ? "?" : f.by())
        + why;
  }

  private void grew(long last) {
    if (cursor.run() == null) {
      items.reset(0);
      return;
    }
    if (last < items.size()) {
      items.reset((int) last);
      return;
    }
    // The last page was read before these events existed; forget it so it is read again.
    Page tail = pages.get(pageOf(items.size()));
    if (tail != null && tail.firstSeq() + tail.size() <= last) {
      pages.remove(pageOf(items.size()));
    }
    items.growTo((int) last);
  }

  /** Keeps the cursor's page, and the next one when the cursor is near its end, in memory. */
  private void readAhead(long step) {
    if (cursor.run() == null || step < 1) {
      return;
    }
    long page = pageOf(step);
    if (!pages.containsKey(page)) {
      readingAhead.add(page);
      load(page);
    }
    long next = pageOf(step + READ_AHEAD);
    if (next != page
        && (next * PAGE_SIZE) < cursor.lastStepProperty().get()
        && !pages.containsKey(next)) {
      readingAhead.add(next);
      load(next);
    }
  }

  private void load(long page) {
    if (!loading.add(page)) {
      return;
    }
    Project project = cursor.project();
    RunInfo run = cursor.run();
    if (project == null || run == null) {
      loading.remove(page);
      return;
    }
    long gen = generation;
    long first = page * PAGE_SIZE + 1;
    executor.execute(
        () -> {
          // A page every cell has scrolled past by now is not worth reading.
          if (!wanted.contains(page) && !readingAhead.contains(page)) {
            return null;
          }
          return new Page(first, project.events().events(run.id(), first, PAGE_SIZE));
        },
        loaded -> {
          if (gen != generation) {
            return;
          }
          loading.remove(page);
          if (loaded == null) {
            // Skipped as unwanted, but a cell may have asked for it since.
            if (waiting.containsKey(page)) {
              load(page);
            }
            return;
          }
          pages.put(page, loaded);
          deliver(page, loaded, null);
          pageReads.set(pageReads.get() + 1);
        },
        error -> {
          if (gen != generation) {
            return;
          }
          loading.remove(page);
          log().warn("Cannot read events {}.. of run {}", first, run.id(), error);
          deliver(page, null, String.valueOf(error.getMessage()));
        });
  }

  private void deliver(long page, Page loaded, String failure) {
    readingAhead.remove(page);
    wanted.remove(page);
    Map<Object, Waiter> w = waiting.remove(page);
    if (w == null) {
      return;
    }
    if (loaded != null && !retried.contains(page)) {
      // Read before a live run's newest events were committed: read it once more for those.
      long missing = w.values().stream().filter(x -> loaded.get(x.seq()) == null).count();
      if (missing > 0) {
        retried.add(page);
        pages.remove(page);
        waiting.put(page, w);
        wanted.add(page);
        load(page);
        return;
      }
    }
    retried.remove(page);
    w.keySet().forEach(waitingFor::remove);
    for (Waiter waiter : w.values()) {
      EventEntry entry = loaded == null ? null : loaded.get(waiter.seq());
      waiter
          .whenLoaded()
          .accept(
              entry != null
                  ? entry
                  : EventRenderer.failedToLoad(
                      waiter.seq(), failure != null ? failure : "it is not in the project"));
    }
  }
}
