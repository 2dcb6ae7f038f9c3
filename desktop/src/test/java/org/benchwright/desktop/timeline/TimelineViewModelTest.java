package org.benchwright.desktop.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.scene.input.KeyCode;
import org.benchwright.bench.SyntheticRun;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.timeline.EventEntry.Kind;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline over a real project file, its pages read on the calling thread. */
class TimelineViewModelTest {

  @TempDir Path dir;
  private Project project;
  private RunInfo run;
  private final RunCursor cursor = new RunCursor();

  @BeforeEach
  void recordARun() {
    project = Project.create(dir.resolve("t.bwproj"));
    run = SyntheticRun.write(project, "engineer", "bracket", 1_200);
  }

  @AfterEach
  void close() {
    project.close();
  }

  @Test
  void selectingARunListsEverySeqWithoutReadingThemAll() {
    TimelineViewModel vm = new TimelineViewModel(new CurrentThreadUiExecutor(), cursor);

    cursor.select(project, run, 1_200);

    assertThat(vm.items()).hasSize(1_200);
    assertThat(vm.items().getFirst()).isEqualTo(1L);
    assertThat(vm.items().getLast()).isEqualTo(1_200L);
    // Only the cursor's page (the last) was read.
    assertThat(vm.pageReads()).isEqualTo(1);
    assertThat(vm.cached(1_200).kind()).isEqualTo(Kind.OUTCOME);
    assertThat(vm.cached(1)).isNull();
  }

  @Test
  void aCellGetsItsEventOnceItsPageIsRead() {
    TimelineViewModel vm = new TimelineViewModel(new CurrentThreadUiExecutor(), cursor);
    cursor.select(project, run, 1_200);
    List<EventEntry> delivered = new ArrayList<>();

    EventEntry immediate = vm.request(1, "cell", delivered::add);

    assertThat(immediate).isNull();
    assertThat(delivered).singleElement().satisfies(e -> assertThat(e.seq()).isEqualTo(1));
    assertThat(delivered.getFirst().kind()).isEqualTo(Kind.SYSTEM);
    // The rest of the page is now in memory: the next cell needs no read.
    assertThat(vm.request(2, "other cell", e -> {}).kind()).isEqualTo(Kind.TRANSITION);
  }

  @Test
  void thePageCacheStaysBounded() {
    project.close();
    project = Project.create(dir.resolve("long.bwproj"));
    int events = TimelineViewModel.PAGE_SIZE * (TimelineViewModel.MAX_PAGES + 6);
    RunInfo longRun = SyntheticRun.write(project, "engineer", "long", events);
    TimelineViewModel vm = new TimelineViewModel(new CurrentThreadUiExecutor(), cursor);
    cursor.select(project, longRun, events);

    for (long seq = 1; seq <= events; seq += TimelineViewModel.PAGE_SIZE) {
      vm.request(seq, "cell", e -> {});
    }

    assertThat(vm.cachedPages()).isEqualTo(TimelineViewModel.MAX_PAGES);
    assertThat(vm.cached(1)).isNull(); // the oldest page was dropped
    assertThat(vm.cached(events)).isNotNull();
  }

  @Test
  void aPageNoCellWaitsForAnyMoreIsNotRead() {
    QueuedExecutor executor = new QueuedExecutor();
    TimelineViewModel vm = new TimelineViewModel(executor, cursor);
    cursor.select(project, run, 1_200);
    executor.runAll(); // the cursor's page
    long before = vm.pageReads();

    vm.request(1, "cell", e -> {});
    List<EventEntry> delivered = new ArrayList<>();
    vm.request(700, "cell", delivered::add); // the cell scrolled on before page 1 was read
    executor.runAll();

    assertThat(vm.pageReads() - before).isEqualTo(1);
    assertThat(vm.cached(700)).isNotNull();
    assertThat(vm.cached(1)).isNull();
    assertThat(delivered).singleElement().satisfies(e -> assertThat(e.seq()).isEqualTo(700));
  }

  @Test
  void pagesOfThePreviousRunAreDroppedWhenTheRunChanges() {
    QueuedExecutor executor = new QueuedExecutor();
    TimelineViewModel vm = new TimelineViewModel(executor, cursor);
    cursor.select(project, run, 1_200);
    List<EventEntry> delivered = new ArrayList<>();
    vm.request(1, "cell", delivered::add);
    RunInfo other = SyntheticRun.write(project, "engineer", "other", 10);

    cursor.select(project, other, 10);
    executor.runAll();

    assertThat(delivered).isEmpty();
    assertThat(vm.items()).hasSize(10);
    assertThat(vm.cached(10).kind()).isEqualTo(Kind.OUTCOME);
  }

  @Test
  void arrowKeysHomeAndEndMoveTheCursor() {
    TimelineViewModel vm = new TimelineViewModel(new CurrentThreadUiExecutor(), cursor);
    cursor.select(project, run, 1_200);

    assertThat(vm.handleKey(KeyCode.LEFT)).isTrue();
    assertThat(cursor.step()).isEqualTo(1_199);
    vm.handleKey(KeyCode.HOME);
    assertThat(cursor.step()).isEqualTo(1);
    vm.handleKey(KeyCode.LEFT);
    assertThat(cursor.step()).isEqualTo(1); // stays on the first event
    vm.handleKey(KeyCode.RIGHT);
    vm.handleKey(KeyCode.RIGHT);
    assertThat(cursor.step()).isEqualTo(3);
    vm.handleKey(KeyCode.END);
    assertThat(cursor.step()).isEqualTo(1_200);
    vm.handleKey(KeyCode.RIGHT);
    assertThat(cursor.step()).isEqualTo(1_200);
    assertThat(vm.handleKey(KeyCode.A)).isFalse();
  }

  @Test
  void keysDoNothingWithoutARun() {
    TimelineViewModel vm = new TimelineViewModel(new CurrentThreadUiExecutor(), cursor);

    assertThat(vm.handleKey(KeyCode.RIGHT)).isFalse();
    assertThat(cursor.step()).isZero();
  }

  @Test
  void steppingNearAPageEndReadsTheNextPageAhead() {
    TimelineViewModel vm = new TimelineViewModel(new CurrentThreadUiExecutor(), cursor);
    cursor.select(project, run, 1_200);

    cursor.moveTo(TimelineViewModel.PAGE_SIZE - 10);

    assertThat(vm.cached(TimelineViewModel.PAGE_SIZE + 1)).isNotNull();
  }

  @Test
  void selectingAnEventInTheListMovesTheCursor() {
    TimelineViewModel vm = new TimelineViewModel(new CurrentThreadUiExecutor(), cursor);
    cursor.select(project, run, 1_200);

    vm.selected(42);

    assertThat(cursor.step()).isEqualTo(42);
  }

  @Test
  void aLiveRunGrowsTheListAndRereadsItsLastPage() {
    project.events().appendAll(run.id(), messages("a", "b", "c"));
    TimelineViewModel vm = new TimelineViewModel(new CurrentThreadUiExecutor(), cursor);
    cursor.select(project, run, 1_203);
    assertThat(vm.cached(1_203).body()).isEqualTo("c");
    long reads = vm.pageReads();

    project.events().appendAll(run.id(), messages("d", "e"));
    cursor.extendTo(1_205);

    assertThat(vm.items()).hasSize(1_205);
    assertThat(cursor.step()).isEqualTo(1_205); // it was at the end, so it follows
    assertThat(vm.pageReads()).isEqualTo(reads + 1);
    assertThat(vm.cached(1_205).body()).isEqualTo("e");
    assertThat(vm.cached(1_203).body()).isEqualTo("c");
  }

  private static List<Event> messages(String... texts) {
    return java.util.Arrays.stream(texts)
        .map(t -> Event.of(EventType.USER_MESSAGE, "engineer", "{\"text\":\"" + t + "\"}"))
        .toList();
  }

  @Test
  void aMalformedEventIsShownAsUnreadableAndItsNeighboursAsUsual() {
    RunInfo damaged =
        project.runs().create(new org.benchwright.engine.project.NewRun("engineer", "d", "{}"));
    project
        .events()
        .appendAll(
            damaged.id(),
            List.of(
                Event.of(EventType.USER_MESSAGE, "engineer", "{\"text\":\"before\"}"),
                Event.of(EventType.TOOL_RESULT, "engineer", "{\"name\":\"run\", \"text\": tru"),
                Event.of(EventType.USER_MESSAGE, "engineer", "{\"text\":\"after\"}")));
    TimelineViewModel vm = new TimelineViewModel(new CurrentThreadUiExecutor(), cursor);

    cursor.select(project, damaged, 3);

    assertThat(vm.cached(1).body()).isEqualTo("before");
    assertThat(vm.cached(2).kind()).isEqualTo(Kind.UNREADABLE);
    assertThat(vm.cached(2).title()).isEqualTo("Unreadable event");
    assertThat(vm.cached(3).body()).isEqualTo("after");
    // Nothing was written back: the recorded payload is unchanged.
    assertThat(project.events().events(damaged.id(), 2, 1).getFirst().payloadJson())
        .isEqualTo("{\"name\":\"run\", \"text\": tru");
  }

  @Test
  void theFullOutputOfASandboxExecComesFromItsBlobs() {
    TimelineViewModel vm = new TimelineViewModel(new CurrentThreadUiExecutor(), cursor);
    cursor.select(project, run, 1_200);
    long execSeq = SyntheticRun.firstSeqOf(EventType.SANDBOX_EXEC);
    EventEntry exec = vm.request(execSeq, "cell", e -> {});
    if (exec == null) {
      exec = vm.cached(execSeq);
    }
    List<String> output = new ArrayList<>();

    vm.loadOutput(exec, output::add);

    assertThat(exec.kind()).isEqualTo(Kind.EXEC);
    assertThat(output.getFirst())
        .contains("watertight: yes")
        .contains("── standard error ──\nwarning: fn=0 is slow");
    assertThat(output.getFirst().lines().filter(l -> l.startsWith("volume")).count()).isEqualTo(40);
  }

  /** Holds work until the test lets it run, like a busy worker thread. */
  static final class QueuedExecutor implements UiExecutor {
    private final Deque<Runnable> queue = new ArrayDeque<>();

    @Override
    public <T> void execute(
        Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
      queue.add(
          () -> {
            T result;
            try {
              result = work.call();
            } catch (Exception e) {
              onFailure.accept(e);
              return;
            }
            onSuccess.accept(result);
          });
    }

    void runAll() {
      while (!queue.isEmpty()) {
        queue.poll().run();
      }
    }

    @Override
    public void post(Runnable update) {
      update.run();
    }

    @Override
    public void close() {}
  }
}
