package org.benchwright.desktop.capabilities;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.benchwright.desktop.capabilities.CapabilitiesViewModel.Row;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.desktop.ui.FakeDialogService;
import org.benchwright.desktop.ui.TextDiff;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.capabilities.CapabilityRegistry;
import org.benchwright.engine.capabilities.CapabilitySandbox;
import org.benchwright.engine.project.Capabilities;
import org.benchwright.engine.project.Capabilities.NewTestRun;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.Termination;
import org.benchwright.engine.skills.TextEmbedder;
import org.benchwright.engine.skills.TextMatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser's state over a real project whose capabilities are registered directly, with an
 * embedder that needs no model and a sandbox that answers as pytest would: no screen, no Docker.
 */
class CapabilitiesViewModelTest {

  static final String PARAMETERS =
      "{\"type\": \"object\", \"properties\": {\"percent\": {\"type\": \"number\"},"
          + " \"value\": {\"type\": \"number\"}}, \"required\": [\"percent\", \"value\"]}";
  static final String CODE_V1 =
      "def percentage_of(percent, value):\n    return value * percent / 100\n";
  static final String CODE_V2 =
      "def percentage_of(percent, value):\n    return round(value * percent / 100, 2)\n";
  static final String TESTS =
      "from capability import percentage_of\n\ndef test_fifteen():\n"
          + "    assert percentage_of(percent=15, value=300) == 45\n";

  /** Each word of a text sets one of 64 entries: texts sharing words are near, others far. */
  static final TextEmbedder HASHED_WORDS =
      new TextEmbedder() {
        @Override
        public String modelName() {
          return "hashed-words";
        }

        @Override
        public float[] embed(String text) {
          float[] v = new float[64];
          TextMatch.words(text).forEach(w -> v[Math.floorMod(w.hashCode(), v.length)] = 1);
          return v;
        }
      };

  @TempDir Path dir;
  Project project;
  CapabilityRegistry registry;
  final FakeDialogService dialogs = new FakeDialogService();
  final List<Long> opened = new ArrayList<>();
  final List<CapabilitySandbox.Ran> replies = new ArrayList<>();
  CapabilitiesViewModel vm;
  long madeV1;
  long madeV2;
  long usedBy;

  @BeforeEach
  void open() {
    project = Project.create(dir.resolve("c.bwproj"));
    registry = new CapabilityRegistry(project, HASHED_WORDS);
    madeV1 = run();
    madeV2 = run();
    usedBy = run();
    register("percentage_of", "A percentage of a number.", CODE_V1, false, madeV1, null);
    register("percentage_of", "A percentage of a number.", CODE_V2, true, madeV2, null);
    register(
        "reverse_text",
        "The characters of a text in reverse order.",
        "def reverse_text(text):\n    return text[::-1]\n",
        false,
        null,
        "written by hand");
    Capabilities c = project.capabilities();
    c.recordUse("percentage_of", 2, "found", usedBy, 4L);
    c.recordUse("percentage_of", 2, "called", usedBy, 5L);
    c.recordUse("percentage_of", 2, "succeeded", usedBy, 5L);
    c.recordUse("percentage_of", 2, "called", madeV2, 9L);
    c.recordUse("percentage_of", 2, "failed", madeV2, 9L);
    vm = viewModel(new CurrentThreadUiExecutor());
  }

  @AfterEach
  void close() {
    project.close();
  }

  long run() {
    return project.runs().create(new NewRun("capability-synthesis", "t", "{}")).id();
  }

  void register(
      String name, String description, String code, boolean revises, Long run, String note) {
    project
        .capabilities()
        .register(
            new Capabilities.NewVersion(
                name,
                revises,
                description,
                PARAMETERS,
                "{\"type\": \"number\"}",
                "[]",
                code,
                TESTS,
                null,
                null,
                run,
                run == null ? null : 3L,
                note,
                Capabilities.ACTIVE),
            List.of(
                new NewTestRun("red", false, 1, 1, 1, "EXIT", "", 40, run),
                new NewTestRun("green", true, 1, 0, 0, "EXIT", "", 35, run)));
  }

  CapabilitiesViewModel viewModel(UiExecutor executor) {
    return new CapabilitiesViewModel(
        project,
        registry,
        executor,
        dialogs,
        opened::add,
        () -> (files, command, timeout, fetch) -> replies.removeFirst(),
        Duration.ZERO);
  }

  /** What the sandbox says after pytest ran {@code total} tests of which {@code failed} failed. */
  static CapabilitySandbox.Ran pytest(int exit, int total, int failed) {
    String xml =
        "<?xml version=\"1.0\"?><testsuites><testsuite name=\"pytest\" tests=\"%d\" failures=\"%d\""
                .formatted(total, failed)
            + " errors=\"0\" skipped=\"0\"/></testsuites>";
    ExecResult r =
        new ExecResult(
            List.of("sh", "-c", "pytest"),
            exit,
            ("collected " + total + " items").getBytes(StandardCharsets.UTF_8),
            new byte[0],
            false,
            false,
            Duration.ofMillis(800),
            Termination.EXIT,
            false,
            null);
    return new CapabilitySandbox.Ran(
        r, Map.of("bw_report.xml", xml.getBytes(StandardCharsets.UTF_8)));
  }

  Row row(String name) {
    return vm.results().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  void selectPercentage() {
    vm.search();
    vm.select(row("percentage_of"));
  }

  @Test
  void anEmptyQueryListsEveryCapabilityByNameWithItsStatus() {
    project.capabilities().setStatus("reverse_text", Capabilities.QUARANTINED, "broken");
    vm.search();

    assertThat(vm.results())
        .extracting(r -> r.name() + " v" + r.version() + " " + r.status())
        .containsExactly("percentage_of v2 active", "reverse_text v1 quarantined");
    assertThat(vm.results()).allMatch(r -> r.hit() == null);
    assertThat(vm.statusProperty().get()).isEqualTo("2 capabilities");
  }

  @Test
  void aSearchRanksByScoreAndMarksThoseAtTheProjectsThreshold() {
    project.settings().put(CapabilitiesViewModel.THRESHOLD, "0.5");
    vm.queryProperty().set("percentage of a number");

    assertThat(vm.results()).extracting(Row::name).containsExactly("percentage_of");
    Row hit = vm.results().getFirst();
    assertThat(hit.version()).isEqualTo(2);
    assertThat(hit.hit().score()).isGreaterThanOrEqualTo(0.5);
    assertThat(hit.hit().semantic()).isPositive();
    assertThat(hit.hit().keyword()).isEqualTo(1.0);
    assertThat(hit.hit().matches()).isTrue();
    assertThat(vm.statusProperty().get())
        .isEqualTo("1 found · 1 at or above the match threshold 0.50");

    vm.queryProperty().set("banana bread");
    assertThat(vm.results()).isEmpty();
    assertThat(vm.statusProperty().get()).isEqualTo("No offered capability fits 'banana bread'.");
    assertThat(dialogs.errors()).isEmpty();
  }

  @Test
  void withoutAProjectSettingTheCatalogsDefaultThresholdApplies() {
    vm.queryProperty().set("percentage of the price");
    Row hit = vm.results().getFirst();
    assertThat(hit.hit().matches()).isEqualTo(hit.hit().score() >= 0.75);
    assertThat(vm.statusProperty().get()).endsWith("threshold 0.75");
  }

  @Test
  void resultsOfAnOvertakenSearchAreDropped() {
    List<Runnable> queued = new ArrayList<>();
    UiExecutor later =
        new CurrentThreadUiExecutor() {
          @Override
          public <T> void execute(
              Callable<T> work,
              Consumer<? super T> onSuccess,
              Consumer<? super Throwable> onFailure) {
            queued.add(() -> super.execute(work, onSuccess, onFailure));
          }
        };
    CapabilitiesViewModel slow = viewModel(later);
    slow.queryProperty().set("reverse the characters of a text");
    slow.queryProperty().set("percentage of a number");
    // The newer search finishes first, then the older one: the older must not replace it.
    queued.get(1).run();
    queued.get(0).run();
    assertThat(slow.results()).extracting(Row::name).containsExactly("percentage_of");
  }

  @Test
  void selectingShowsCodeTestsSpecTestRunsUsageAndTheRunsThatMadeAndUsedIt() {
    selectPercentage();

    assertThat(vm.titleProperty().get()).isEqualTo("percentage_of v2 · active");
    assertThat(vm.descriptionProperty().get()).isEqualTo("A percentage of a number.");
    assertThat(vm.shownProperty().get().version()).isEqualTo(2);
    assertThat(vm.codeProperty().get().text()).isEqualTo(CODE_V2);
    assertThat(vm.testsProperty().get().text()).isEqualTo(TESTS);
    assertThat(vm.specProperty().get())
        .contains("\"name\" : \"percentage_of\"")
        .contains("\n  \"parameters\" : {");
    assertThat(vm.originProperty().get()).contains("registered by run " + madeV2 + " at step 3");
    assertThat(vm.versions()).extracting(Capabilities.Version::version).containsExactly(1, 2);
    assertThat(vm.testRuns())
        .extracting(t -> "v" + t.version() + " " + t.phase() + " " + t.passed())
        .containsExactly("v1 red false", "v1 green true", "v2 red false", "v2 green true");
    assertThat(vm.selectedProperty().get().counters())
        .extracting(
            Capabilities.Counters::found,
            Capabilities.Counters::called,
            Capabilities.Counters::succeeded,
            Capabilities.Counters::failed)
        .containsExactly(1L, 2L, 1L, 1L);
    assertThat(vm.usageProperty().get())
        .startsWith("Found 1 · called 2 · succeeded 1 · failed 1 · last called 2");
    assertThat(vm.madeBy()).containsExactly(madeV1, madeV2);
    assertThat(vm.usedIn()).containsExactly(usedBy, madeV2);

    // The same list each time: the view's listeners on it must outlive the call.
    assertThat(vm.usedIn()).isSameAs(vm.usedIn());

    vm.openRun(vm.usedIn().getFirst());
    assertThat(opened).containsExactly(usedBy);
  }

  @Test
  void theDiffComparesAVersionWithTheOneBeforeIt() {
    selectPercentage();
    String diff = TextDiff.render(vm.diffProperty().get());
    assertThat(diff)
        .contains("--- version 1")
        .contains("+++ version 2")
        .contains("-    return value * percent / 100")
        .contains("+    return round(value * percent / 100, 2)");
    assertThat(diff).doesNotContain("-from capability import"); // the tests did not change

    vm.showVersion(vm.versions().getFirst());
    assertThat(vm.shownProperty().get().version()).isEqualTo(1);
    assertThat(vm.codeProperty().get().text()).isEqualTo(CODE_V1);
    assertThat(vm.diffProperty().get()).isEmpty();
    assertThat(vm.diffNoteProperty().get()).contains("first; there is nothing to compare");
    assertThat(vm.originProperty().get()).contains("registered by run " + madeV1);

    vm.select(row("reverse_text"));
    assertThat(vm.originProperty().get()).endsWith(": written by hand.");
    assertThat(vm.madeBy()).isEmpty();
    assertThat(vm.usageProperty().get()).endsWith("never called");
  }

  @Test
  void quarantineTakesItOutOfTheSearchAndRestoreOffersItAgain() {
    selectPercentage();
    assertThat(vm.toggleTextProperty().get()).isEqualTo("Quarantine");
    vm.toggleQuarantine();

    Capabilities.Entry e = registry.get("percentage_of").orElseThrow();
    assertThat(e.status()).isEqualTo(Capabilities.QUARANTINED);
    assertThat(e.statusReason()).isEqualTo(CapabilitiesViewModel.QUARANTINE_REASON);
    assertThat(vm.titleProperty().get()).contains("· quarantined (set aside by a user)");
    assertThat(vm.toggleTextProperty().get()).isEqualTo("Restore");
    assertThat(row("percentage_of").status()).isEqualTo(Capabilities.QUARANTINED);
    assertThat(registry.search("percentage of a number", 5, 0.1)).isEmpty();

    vm.toggleQuarantine();
    assertThat(registry.get("percentage_of").orElseThrow().offered()).isTrue();
    assertThat(vm.toggleTextProperty().get()).isEqualTo("Quarantine");
    assertThat(vm.statusProperty().get()).isEqualTo("percentage_of is offered again.");
    assertThat(vm.busyProperty().get()).isFalse();
  }

  @Test
  void anImportedCapabilityIsOfferedByPassingItsTestsNotByRestoringIt() {
    project
        .capabilities()
        .setStatus("reverse_text", Capabilities.UNVERIFIED, "imported: run its tests to offer it");
    vm.search();
    vm.select(row("reverse_text"));
    assertThat(vm.toggleTextProperty().get()).isEqualTo("Restore");
    assertThat(vm.toggleAllowedProperty().get()).isFalse();
    vm.toggleQuarantine();
    assertThat(registry.get("reverse_text").orElseThrow().status())
        .isEqualTo(Capabilities.UNVERIFIED);

    replies.add(pytest(0, 1, 0));
    vm.retest();
    assertThat(registry.get("reverse_text").orElseThrow().offered()).isTrue();
    assertThat(vm.statusProperty().get())
        .isEqualTo("reverse_text: all 1 tests pass; it is offered.");
  }

  @Test
  void aFailingReRunQuarantinesAndAPassingOneOffersItAgain() {
    selectPercentage();
    replies.add(pytest(1, 2, 1));
    vm.retest();

    Capabilities.Entry e = registry.get("percentage_of").orElseThrow();
    assertThat(e.status()).isEqualTo(Capabilities.QUARANTINED);
    assertThat(e.statusReason()).startsWith("tests failed on re-run: 1 of 2 tests fail");
    assertThat(vm.statusProperty().get()).startsWith("percentage_of is quarantined: 1 of 2 tests");
    assertThat(vm.testRuns().getLast())
        .extracting(
            Capabilities.TestRun::phase,
            Capabilities.TestRun::passed,
            Capabilities.TestRun::total,
            Capabilities.TestRun::failed,
            Capabilities.TestRun::termination)
        .containsExactly("retest", false, 2, 1, "EXIT");
    assertThat(vm.testRuns().getLast().durationMs()).isEqualTo(800);
    assertThat(vm.toggleTextProperty().get()).isEqualTo("Restore");
    assertThat(vm.retestingProperty().get()).isFalse();
    assertThat(vm.busyProperty().get()).isFalse();

    replies.add(pytest(0, 2, 0));
    vm.retest();
    assertThat(registry.get("percentage_of").orElseThrow().offered()).isTrue();
    assertThat(vm.testRuns()).hasSize(6);
    assertThat(dialogs.errors()).isEmpty();
  }

  @Test
  void aReRunWithoutASandboxGoesToTheErrorDialogAndChangesNothing() {
    CapabilitiesViewModel noDocker =
        new CapabilitiesViewModel(
            project,
            registry,
            new CurrentThreadUiExecutor(),
            dialogs,
            opened::add,
            () -> {
              throw new IllegalStateException("Cannot reach Docker");
            },
            Duration.ZERO);
    noDocker.search();
    noDocker.select(noDocker.results().getFirst());
    noDocker.retest();

    assertThat(dialogs.errors())
        .singleElement()
        .satisfies(
            err -> {
              assertThat(err.header()).isEqualTo("Cannot re-run the tests of percentage_of");
              assertThat(err.error()).hasMessage("Cannot reach Docker");
            });
    assertThat(noDocker.statusProperty().get())
        .isEqualTo("The tests of percentage_of did not run.");
    assertThat(noDocker.busyProperty().get()).isFalse();
    assertThat(registry.get("percentage_of").orElseThrow().offered()).isTrue();
    assertThat(project.capabilities().testRuns("percentage_of")).hasSize(4);
  }

  @Test
  void deleteAsksFirstAndThenRemovesEveryVersion() {
    selectPercentage();
    vm.delete(); // the fake says no until told otherwise
    assertThat(dialogs.confirmations()).containsExactly("Delete capability percentage_of?");
    assertThat(registry.get("percentage_of")).isPresent();

    dialogs.answerConfirm(true);
    vm.delete();
    assertThat(registry.get("percentage_of")).isEmpty();
    assertThat(project.capabilities().versions("percentage_of")).isEmpty();
    assertThat(vm.selectedProperty().get()).isNull();
    assertThat(vm.versions()).isEmpty();
    assertThat(vm.codeProperty().get().text()).isEmpty();
    assertThat(vm.results()).extracting(Row::name).containsExactly("reverse_text");
    assertThat(vm.statusProperty().get()).isEqualTo("Deleted percentage_of.");
  }
}
