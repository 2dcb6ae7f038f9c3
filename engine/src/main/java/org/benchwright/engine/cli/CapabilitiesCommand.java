package org.benchwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.benchwright.engine.capabilities.CapabilityHit;
import org.benchwright.engine.capabilities.CapabilityRegistry;
import org.benchwright.engine.capabilities.CapabilitySandbox;
import org.benchwright.engine.capabilities.TestOutcome;
import org.benchwright.engine.project.Capabilities;
import org.benchwright.engine.project.Capabilities.Entry;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.Sandboxes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code benchwright capabilities}: the project's synthesized capabilities (ADR 0038). */
@Command(
    name = "capabilities",
    description =
        "List, show, search, re-test, export and import the capabilities agents synthesized.",
    subcommands = {
      CapabilitiesCommand.ListCmd.class,
      CapabilitiesCommand.Show.class,
      CapabilitiesCommand.Search.class,
      CapabilitiesCommand.Test.class,
      CapabilitiesCommand.Export.class,
      CapabilitiesCommand.Import.class,
      CapabilitiesCommand.Quarantine.class,
      CapabilitiesCommand.Restore.class,
      CapabilitiesCommand.Delete.class
    })
public final class CapabilitiesCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long a re-run of a capability's tests may take. */
  static final Duration TEST_LIMIT = Duration.ofSeconds(120);

  static Entry entry(CapabilityRegistry r, String name) {
    return r.get(name)
        .orElseThrow(
            () -> new IllegalArgumentException("There is no capability named '" + name + "'."));
  }

  @Command(name = "list", description = "Every capability: status, version, reuse counters.")
  static final class ListCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Project p = Project.openReadOnly(project)) {
        List<Entry> all = CapabilityRegistry.of(p).list();
        if (all.isEmpty()) {
          out.println("No capabilities in " + project + ".");
          return 0;
        }
        out.printf(
            Locale.ROOT,
            "%-32s %-11s %4s %6s %6s %9s %6s%n",
            "NAME",
            "STATUS",
            "VER",
            "FOUND",
            "CALLED",
            "SUCCEEDED",
            "FAILED");
        for (Entry e : all) {
          Capabilities.Counters c = e.counters();
          out.printf(
              Locale.ROOT,
              "%-32s %-11s %4d %6d %6d %9d %6d%n",
              e.name(),
              e.status(),
              e.latest().version(),
              c.found(),
              c.called(),
              c.succeeded(),
              c.failed());
        }
        out.flush();
      }
      return 0;
    }
  }

  @Command(name = "show", description = "A capability's spec, code, tests, test runs and uses.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Parameters(index = "0", description = "the capability's name")
    String name;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Project p = Project.openReadOnly(project)) {
        CapabilityRegistry r = CapabilityRegistry.of(p);
        Entry e = entry(r, name);
        var v = e.latest();
        out.println(
            e.name()
                + " v"
                + v.version()
                + " ("
                + e.status()
                + (e.statusReason() == null ? "" : ": " + e.statusReason())
                + ")");
        out.println(
            v.originRunId() == null
                ? "from: " + (v.originNote() == null ? "unknown" : v.originNote())
                : "from: run " + v.originRunId() + ", event " + v.originSeq());
        out.println("\nspec:\n" + CapabilityRegistry.spec(v).toJson().toPrettyString());
        out.println("\ncapability.py:\n" + v.code());
        out.println("test_capability.py:\n" + v.tests());
        out.println("test runs:");
        for (var t : p.capabilities().testRuns(name)) {
          out.printf(
              Locale.ROOT,
              "  v%d %-6s %s %d tests, %d failed (%s, %d ms)%n",
              t.version(),
              t.phase(),
              t.passed() ? "passed" : "failed",
              t.total(),
              t.failed(),
              t.termination().toLowerCase(Locale.ROOT),
              t.durationMs());
        }
        Capabilities.Counters c = e.counters();
        out.printf(
            Locale.ROOT,
            "uses: found %d, called %d, succeeded %d, failed %d%n",
            c.found(),
            c.called(),
            c.succeeded(),
            c.failed());
        p.capabilities().uses(name).stream()
            .map(Capabilities.Use::runId)
            .filter(java.util.Objects::nonNull)
            .distinct()
            .forEach(run -> out.println("  used in run " + run));
        out.flush();
      }
      return 0;
    }
  }

  @Command(name = "search", description = "Search capabilities by meaning and keywords.")
  static final class Search implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Option(names = "--threshold", description = "score marked MATCH (default 0.75)")
    double threshold = 0.75;

    @Parameters(index = "0", description = "what the function should do")
    String query;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Project p = Project.openReadOnly(project)) {
        List<CapabilityHit> hits = CapabilityRegistry.of(p).search(query, 10, threshold);
        if (hits.isEmpty()) {
          out.println("No capability fits '" + query + "'.");
        }
        for (CapabilityHit h : hits) {
          out.printf(
              Locale.ROOT,
              "%-5s %.3f (meaning %.3f, words %.3f) %s v%d: %s%n",
              h.matches() ? "MATCH" : "",
              h.score(),
              h.semantic(),
              h.keyword(),
              h.name(),
              h.version(),
              h.description());
        }
        out.flush();
      }
      return 0;
    }
  }

  @Command(
      name = "test",
      description =
          "Run capabilities' tests again in the sandbox (all when no name is given); one that"
              + " fails is quarantined, an unverified or quarantined one that passes is offered.")
  static final class Test implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Parameters(arity = "0..*", description = "capability names")
    List<String> names;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      int failed = 0;
      try (Project p = Project.open(project);
          Sandboxes boxes = Sandboxes.start(Sandboxes.Settings.forOwner(p.uid()).withWarmPool(0))) {
        CapabilityRegistry r = CapabilityRegistry.of(p);
        List<String> todo =
            names == null || names.isEmpty() ? r.list().stream().map(Entry::name).toList() : names;
        for (String n : todo) {
          entry(r, n);
          TestOutcome t = r.retest(n, CapabilitySandbox.of(boxes), TEST_LIMIT);
          out.println(
              n
                  + ": "
                  + (t.admits()
                      ? "passed (" + t.total() + " tests)"
                      : "FAILED, quarantined: " + t.reason()));
          if (!t.admits()) {
            failed++;
          }
        }
        out.flush();
      }
      return failed == 0 ? 0 : 1;
    }
  }

  @Command(name = "export", description = "Write a capability, every version, to a JSON file.")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Parameters(index = "0", description = "the capability's name")
    String name;

    @Option(names = "--out", required = true, description = "the file to write")
    Path file;

    @Override
    public Integer call() throws Exception {
      try (Project p = Project.openReadOnly(project)) {
        JsonNode doc = CapabilityRegistry.of(p).export(name);
        Files.writeString(file, doc.toPrettyString() + "\n", StandardCharsets.UTF_8);
      }
      spec.commandLine().getOut().println("Wrote " + name + " to " + file);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(
      name = "import",
      description =
          "Take in an exported capability; it is unverified (not offered) until `capabilities"
              + " test` passes it here.")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Parameters(index = "0", description = "the capability file")
    Path file;

    @Override
    public Integer call() throws Exception {
      JsonNode doc;
      try {
        doc = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(file + " is not a JSON file: " + e.getMessage());
      }
      try (Project p = Project.open(project)) {
        String name =
            CapabilityRegistry.of(p).importDocument(doc, "imported from " + file.getFileName());
        spec.commandLine()
            .getOut()
            .println(
                "Imported "
                    + name
                    + " (unverified: run `benchwright capabilities test --project "
                    + project
                    + " "
                    + name
                    + "` to offer it)");
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  /** A change to one capability's record; an unknown name is an error. */
  abstract static class Change implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Parameters(index = "0", description = "the capability's name")
    String name;

    /** False when there is no capability of that name. */
    abstract boolean change(CapabilityRegistry registry);

    @Override
    public Integer call() {
      try (Project p = Project.open(project)) {
        if (!change(CapabilityRegistry.of(p))) {
          throw new IllegalArgumentException("There is no capability named '" + name + "'.");
        }
      }
      return 0;
    }
  }

  @Command(name = "quarantine", description = "Stop offering a capability to agents.")
  static final class Quarantine extends Change {
    @Option(names = "--reason", description = "shown beside it")
    String reason = "set aside by a user";

    @Override
    boolean change(CapabilityRegistry registry) {
      return registry.quarantine(name, reason);
    }
  }

  @Command(name = "restore", description = "Offer a quarantined capability again.")
  static final class Restore extends Change {
    @Override
    boolean change(CapabilityRegistry registry) {
      return registry.restore(name);
    }
  }

  @Command(name = "delete", description = "Delete a capability with its versions and counters.")
  static final class Delete extends Change {
    @Override
    boolean change(CapabilityRegistry registry) {
      return registry.delete(name);
    }
  }
}
