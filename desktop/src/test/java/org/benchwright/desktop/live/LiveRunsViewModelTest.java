package org.benchwright.desktop.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.desktop.ui.FakeDialogService;
import org.benchwright.engine.agent.Decision;
import org.benchwright.engine.agent.RunHandle;
import org.benchwright.engine.live.LiveRuns;
import org.benchwright.engine.live.NewRunRequest;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.testsupport.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live runs of the real runtime with the scripted model, driven through the view model. The script
 * plans and then gives up, so no sandbox (and no Docker) is needed.
 */
class LiveRunsViewModelTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private final RunCursor cursor = new RunCursor();
  private final FakeDialogService dialogs = new FakeDialogService();
  private final AtomicInteger posts = new AtomicInteger();
  private final CurrentThreadUiExecutor executor =
      new CurrentThreadUiExecutor() {
        @Override
        public void post(Runnable update) {
          posts.incrementAndGet();
          super.post(update);
        }
      };
  private Project project;
  private LiveRunsViewModel vm;

  @BeforeEach
  void setUp() {
    project = Project.create(dir.resolve("live.bwproj"));
    vm =
        new LiveRunsViewModel(
            cursor,
            executor,
            dialogs,
            p -> new LiveRuns(p, ApiKeys.of(Map.of(), dir.resolve("no-keys"))));
    vm.setProject(project);
  }

  @AfterEach
  void tearDown() {
    vm.close();
    project.close();
  }

  static Path script() throws Exception {
    return Path.of(LiveRunsViewModelTest.class.getResource("plan-then-give-up.json").toURI());
  }

  private NewRunRequest request(boolean paused) throws Exception {
    Path s = script();
    return new NewRunRequest(
        "benchmark-generator",
        "A ball rolls down a ramp into a bin.",
        new ModelConfig("scripted", "gpt-4o-mini", s.toUri().toString(), null, null, null, 0),
        s,
        paused);
  }

  private long recorded() {
    return project.events().lastSeq(cursor.run().id());
  }

  @Test
  void aPausedRunStepsOneEventAtATimeThenResumesToItsEndAndTheCursorFollows() throws Exception {
    vm.start(request(true));

    assertThat(cursor.run()).isNotNull();
    assertThat(vm.liveProperty().get()).isTrue();
    assertThat(vm.pausedProperty().get()).isTrue();
    TimeUnit.MILLISECONDS.sleep(200);
    assertThat(recorded()).as("paused before its first event").isZero();

    vm.step();
    Poll.until(WAIT, () -> recorded() == 1);
    vm.pollOnce();
    assertThat(cursor.lastStepProperty().get()).isEqualTo(1);
    assertThat(cursor.step()).isEqualTo(1);

    vm.step();
    vm.step();
    Poll.until(WAIT, () -> recorded() == 3);
    TimeUnit.MILLISECONDS.sleep(200);
    assertThat(recorded()).as("two steps, two events").isEqualTo(3);
    vm.pollOnce();
    assertThat(cursor.lastStepProperty().get()).isEqualTo(3);
    assertThat(vm.statusTextProperty().get()).contains("paused").contains("3 events");

    vm.resume();
    assertThat(vm.pausedProperty().get()).isFalse();
    RunHandle handle = vm.liveRuns().orElseThrow().handle(cursor.run().id()).orElse(null);
    if (handle != null) {
      handle.outcome().get(60, TimeUnit.SECONDS);
    }
    int postsBefore = posts.get();
    vm.pollOnce();

    long all = recorded();
    assertThat(all).isGreaterThan(10);
    assertThat(posts.get() - postsBefore).as("one batch, not one post per event").isEqualTo(1);
    assertThat(cursor.lastStepProperty().get()).isEqualTo(all);
    assertThat(cursor.step()).as("a cursor at the end follows").isEqualTo(all);
    assertThat(vm.liveProperty().get()).isFalse();
    assertThat(vm.statusTextProperty().get()).contains("failed");
    assertThat(project.runs().find(cursor.run().id()).orElseThrow().status())
        .isEqualTo(RunStatus.FAILED);
    assertThat(project.plans().latest(cursor.run().id())).isPresent();
    assertThat(vm.startedRunProperty().get()).isEqualTo(cursor.run().id());
  }

  /**
   * Another process (here: a second LiveRuns over the writable project, as {@code benchwright
   * serve} would be) writes the project; this window reads it. Nothing can be started or decided
   * here, and the user is told why; a run the writer executes is followed as it is recorded.
   */
  @Test
  void aProjectAnotherProcessWritesIsFollowedButNotWritten() throws Exception {
    try (Project reader = Project.openReadOnly(project.file());
        LiveRuns writer = new LiveRuns(project, ApiKeys.of(Map.of(), dir.resolve("no-keys")))) {
      vm.setProject(reader);
      assertThat(vm.canStartProperty().get()).isFalse();

      vm.start(request(false));
      assertThat(dialogs.errors())
          .singleElement()
          .asString()
          .contains("live.bwproj is read-only here: another process writes it");
      assertThat(project.runs().list()).isEmpty();
      assertThatThrownBy(() -> vm.decide(1, new Decision.Approve("alice")))
          .hasMessageContaining("read-only here")
          .hasMessageContaining("Decide run 1's gate there");

      RunHandle run = writer.start(request(true));
      vm.pollOnce(); // the first look at the commit counter
      var info = reader.runs().find(run.runId()).orElseThrow();
      cursor.select(reader, info, reader.events().lastSeq(run.runId()));
      long changes = vm.outsideChangesProperty().get();

      run.control().resume();
      run.outcome().get(60, TimeUnit.SECONDS);
      vm.pollOnce();

      long all = project.events().lastSeq(run.runId());
      assertThat(all).isGreaterThan(10);
      assertThat(cursor.lastStepProperty().get()).isEqualTo(all);
      assertThat(vm.outsideChangesProperty().get()).isGreaterThan(changes);
      assertThat(vm.liveProperty().get()).as("steered only where it runs").isFalse();
      assertThat(vm.statusTextProperty().get()).contains("failed");
    }
  }

  @Test
  void aCursorMovedBackStaysWhereItIsWhileTheRunGrows() throws Exception {
    vm.start(request(true));
    vm.step();
    vm.step();
    Poll.until(WAIT, () -> recorded() == 2);
    vm.pollOnce();
    cursor.moveTo(1);

    vm.resume();
    vm.liveRuns().orElseThrow().handle(cursor.run().id()).ifPresent(h -> h.outcome().join());
    vm.pollOnce();

    assertThat(cursor.step()).isEqualTo(1);
    assertThat(cursor.lastStepProperty().get()).isEqualTo(recorded());
  }

  @Test
  void aCancelledRunIsRecordedAsCancelled() throws Exception {
    vm.start(request(true));
    vm.step();
    Poll.until(WAIT, () -> recorded() == 1);
    long runId = cursor.run().id();
    RunHandle handle = vm.liveRuns().orElseThrow().handle(runId).orElseThrow();

    vm.cancel();

    assertThat(handle.outcome().get(30, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.CANCELLED);
    vm.pollOnce();
    assertThat(vm.liveProperty().get()).isFalse();
    assertThat(vm.statusTextProperty().get()).contains("cancelled");
    assertThat(project.runs().find(runId).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
  }

  @Test
  void aMalformedScriptIsReportedWithItsFileAndNoRunIsRecorded() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"turns\": [ {\"text\": ");
    NewRunRequest r =
        new NewRunRequest(
            "benchmark-generator",
            "ramp",
            new ModelConfig("scripted", "scripted", bad.toUri().toString(), null, null, null, 0),
            bad,
            false);

    vm.start(r);

    assertThat(dialogs.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.header()).isEqualTo("The run could not start");
              assertThat(e.error().getMessage()).contains("bad.json");
            });
    assertThat(project.runs().list()).isEmpty();
    assertThat(cursor.run()).isNull();
    assertThat(vm.startingProperty().get()).isFalse();
  }

  @Test
  void withoutAProjectNothingStartsAndTheUserIsTold() throws Exception {
    vm.setProject(null);

    vm.start(request(false));

    assertThat(dialogs.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.header()).isEqualTo("No project open"));
    assertThat(vm.canStartProperty().get()).isFalse();
  }

  @Test
  void decidingARunThatDoesNotExistFailsClearly() {
    assertThatThrownBy(() -> vm.decide(42, new Decision.Approve("me")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("No run 42.");
  }

  @Test
  void aPlanGateIsDecidedThroughTheViewModelFromAWorkerThread() throws Exception {
    project.settings().put("workflow.benchmark-generator.planner.plan_approval", "\"ask\"");
    vm.start(request(false));
    long runId = cursor.run().id();
    Poll.until(
        WAIT,
        () -> project.runs().find(runId).orElseThrow().status() == RunStatus.WAITING_FOR_APPROVAL);

    Throwable[] failed = {null};
    Thread panel =
        new Thread(
            () -> {
              try {
                vm.decide(runId, new Decision.Approve("tester"));
              } catch (RuntimeException e) {
                failed[0] = e;
              }
            });
    panel.start();
    panel.join();

    assertThat(failed[0]).isNull();
    Poll.until(WAIT, () -> project.runs().find(runId).orElseThrow().status() == RunStatus.FAILED);
    assertThat(project.events().events(runId, 1, 10_000))
        .anySatisfy(
            e -> {
              assertThat(e.type()).isEqualTo(org.benchwright.engine.project.EventType.GATE_DECIDED);
              assertThat(e.payloadJson()).contains("approved").contains("tester");
            });
  }

  @Test
  void aRunThatEndedHasNoGateToDecide() throws Exception {
    vm.start(request(false));
    long runId = cursor.run().id();
    Poll.until(WAIT, () -> project.runs().find(runId).orElseThrow().status() == RunStatus.FAILED);
    Poll.until(WAIT, () -> vm.liveRuns().orElseThrow().handle(runId).isEmpty());

    assertThatThrownBy(() -> vm.decide(runId, new Decision.Approve("me")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is failed; it has no gate to decide");
  }

  @Test
  void switchingProjectsCancelsTheRunsOfTheOldOne() throws Exception {
    vm.start(request(true));
    long runId = cursor.run().id();
    RunHandle handle = vm.liveRuns().orElseThrow().handle(runId).orElseThrow();

    vm.setProject(null);

    assertThat(handle.outcome().get(30, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(vm.liveProperty().get()).isFalse();
  }
}
