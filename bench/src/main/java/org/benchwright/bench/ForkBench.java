package org.benchwright.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.agent.AgentRuntime;
import org.benchwright.engine.agent.RunHandle;
import org.benchwright.engine.fork.ForkChange;
import org.benchwright.engine.fork.Forks;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.model.ModelGateway;
import org.benchwright.engine.model.ModelJson;
import org.benchwright.engine.model.PriceTable;
import org.benchwright.engine.model.ScriptedChatModel;
import org.benchwright.engine.model.ScriptedTurn;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunFiles;
import org.benchwright.engine.workflow.Workflows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code benchwright bench fork}: forks a run of 100,000 events with 1,000 files at its middle
 * (issue 17's figure) and reports the time to the fork's first event, the time until the resumed
 * fork records its first step of its own (folding the shared history), and the project file's
 * growth; beside the reference measured in the same run on a copy of the file, a fork that copies
 * the shared events and file versions instead.
 */
@Command(
    name = "fork",
    mixinStandardHelpOptions = true,
    description = "Measure forking a long run: time to the fork's first event and file growth.")
final class ForkBench implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();
  // Model calls per node visit: under the default turn limit of 30.
  private static final int CALLS_PER_VISIT = 20;

  @Spec CommandSpec spec;

  @Option(names = "--events", description = "events in the run (default ${DEFAULT-VALUE})")
  int events = 100_000;

  @Option(names = "--files", description = "files the run wrote (default ${DEFAULT-VALUE})")
  int files = 1_000;

  @Option(names = "--dir", description = "working folder (default: a new temporary folder)")
  Path dir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("bw-fork");
    try {
      Path file = work.resolve("fork.bwproj");
      long run;
      long t0 = System.nanoTime();
      try (Project p = Project.create(file)) {
        run = build(p, events, files);
      }
      long size = Files.size(file);
      long at = events / 2;
      out.printf(
          Locale.ROOT,
          "benchwright bench fork: a run of %,d events with %,d files (%,d bytes, built in %.1f s),"
              + " forked at %,d; Java %s, %d cores%n",
          events,
          files,
          size,
          (System.nanoTime() - t0) / 1e9,
          at,
          Runtime.version(),
          Runtime.getRuntime().availableProcessors());

      Path copy = work.resolve("copying.bwproj");
      Files.copy(file, copy);
      long[] copied = copyingFork(copy, run, at);

      long forkNanos;
      long coldNanos;
      long firstStepNanos;
      long coldStepNanos;
      long forkSeq;
      int shared;
      long grown;
      // The first fork and resume of a process pay for class loading and compilation: measured
      // and shown, then a second fork (a step earlier) is the figure of a warm workbench.
      try (Project p = Project.open(file)) {
        long start = System.nanoTime();
        Forks.Made cold = new Forks(p).fork(run, at, ForkChange.none("bench", "cold"));
        coldNanos = System.nanoTime() - start;
        coldStepNanos = resumeToFirstStep(p, cold.fork().id(), work);
      }
      long between = Files.size(file);
      long forkId;
      try (Project p = Project.open(file)) {
        long start = System.nanoTime();
        Forks.Made made = new Forks(p).fork(run, at - 1, ForkChange.none("bench", "measure"));
        forkNanos = System.nanoTime() - start;
        forkSeq = made.point().seq();
        forkId = made.fork().id();
        shared = p.files().filesAt(forkId, forkSeq).size();
      }
      grown = Files.size(file) - between;
      try (Project p = Project.open(file)) {
        firstStepNanos = resumeToFirstStep(p, forkId, work);
      }
      out.printf(
          Locale.ROOT,
          "reference, a fork that copies %,d events and the file versions: %8.1f ms, file +%,d"
              + " bytes (%.2f %% of the run)%n",
          forkSeq,
          copied[0] / 1e6,
          copied[1],
          100.0 * copied[1] / size);
      out.printf(
          Locale.ROOT,
          "shared fork (Forks.fork) to its first event:                %8.1f ms, file +%,d bytes"
              + " (%.3f %% of the run; %.4f x the copy's growth; %.3f x its time)%n",
          forkNanos / 1e6,
          grown,
          100.0 * grown / size,
          (double) grown / copied[1],
          (double) forkNanos / copied[0]);
      out.printf(
          Locale.ROOT,
          "resumed fork to its own first step (folds %,d shared events):  %8.1f ms; %,d files at"
              + " the fork point%n",
          forkSeq,
          firstStepNanos / 1e6,
          shared);
      out.printf(
          Locale.ROOT,
          "the same in a cold JVM (first fork, first resume):           %8.1f ms to its first"
              + " event, %.1f ms to its own first step%n",
          coldNanos / 1e6,
          coldStepNanos / 1e6);
    } finally {
      EventLogBench.deleteTree(work);
    }
    return 0;
  }

  /**
   * A long run: it starts, the coder writes {@code files} files, then coder and reviewer take
   * turns, each visit twenty rounds of model call, write_file call and result, until the run has
   * {@code events} events; then it ends.
   */
  static long build(Project p, int events, int files) throws Exception {
    long run =
        p.runs()
            .create(
                new NewRun(
                    "benchmark-generator",
                    "bench fork",
                    "{\"provider\":\"scripted\",\"model\":\"bench\"}"))
            .id();
    List<Event> head = new ArrayList<>();
    head.add(
        Event.of(null, new EventPayload.RunStarted("benchmark-generator", "bench fork", null)));
    head.add(
        Event.of(
            "coder",
            new EventPayload.NodeTransition(
                "coder", "start", null, "You are the coder.", null, null)));
    head.add(Event.of("coder", new EventPayload.UserMessage("Task: bench fork")));
    p.events().appendAll(run, head);
    List<RunFiles.Change> changes = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      byte[] content =
          ("# file " + i + "\n" + "x = " + i + "\n".repeat(1))
              .repeat(20)
              .getBytes(StandardCharsets.UTF_8);
      changes.add(
          new RunFiles.Change("src/f" + i + ".py", p.blobs().put(content), content.length, false));
    }
    p.files().record(run, "coder", changes);
    String reply =
        ModelJson.responseToJson(
            ScriptedChatModel.reply(
                JSON.readTree(
                    "{\"text\":\""
                        + "Next I will tighten the bracket. ".repeat(8)
                        + "\",\"tool_calls\":[{\"id\":\"c\",\"name\":\"write_file\",\"arguments\":"
                        + "{\"path\":\"notes.md\",\"content\":\"step\"}}]}")));
    long seq = p.events().lastSeq(run);
    List<Event> batch = new ArrayList<>();
    int call = 0;
    String node = "coder";
    while (seq + batch.size() < events - 1) {
      call++;
      if (call % CALLS_PER_VISIT == 0) {
        // A node hands over after a visit's worth of calls, as real runs do (turn limits).
        String next = node.equals("coder") ? "reviewer" : "coder";
        batch.add(
            Event.of(
                next,
                new EventPayload.NodeTransition(
                    next, "submitted", node, "You are the " + next + ".", null, null)));
        batch.add(Event.of(next, new EventPayload.UserMessage("From " + node + ": step " + call)));
        node = next;
      }
      batch.add(Event.of(node, new EventPayload.ModelRequest(call, "fp" + call, 2 * call)));
      batch.add(
          Event.of(
              node,
              new EventPayload.ModelResponse(
                  call, 1_200, 90, 0.002, 800L, 1, null, null, reply, null, null)));
      batch.add(
          Event.of(
              node,
              new EventPayload.ToolCall(
                  "c", "write_file", "{\"path\":\"notes.md\",\"content\":\"step\"}")));
      batch.add(
          Event.of(
              node, new EventPayload.ToolResult("c", "write_file", false, "wrote notes.md", null)));
      if (batch.size() >= 4_000) {
        p.events().appendAll(run, batch);
        seq += batch.size();
        batch.clear();
      }
    }
    int room = (int) (events - 1 - seq);
    p.events().appendAll(run, batch.subList(0, Math.min(room, batch.size())));
    p.events().append(run, Event.of(null, new EventPayload.Outcome("FAILED", "failed", "bench")));
    p.runs().finish(run, org.benchwright.engine.project.RunStatus.FAILED, "failed", "bench", 0);
    return run;
  }

  /**
   * What a fork would cost if it copied: a new run row, the parent's events up to the point and its
   * file versions up to it, in one transaction on a copy of the file. Returns {nanos, bytes}.
   */
  private static long[] copyingFork(Path copy, long run, long at) throws Exception {
    long before = Files.size(copy);
    long start = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy)) {
      c.setAutoCommit(false);
      long id;
      try (Statement s = c.createStatement()) {
        s.executeUpdate(
            "INSERT INTO runs (uid, workflow, task, status, model_config, created_at)"
                + " SELECT uid || '-copy', workflow, task, 'PAUSED', model_config, created_at"
                + " FROM runs WHERE id = "
                + run);
        try (ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      for (String sql :
          List.of(
              "INSERT INTO events (run_id, seq, type, node, created_at, payload, blob_sha)"
                  + " SELECT ?, seq, type, node, created_at, payload, blob_sha FROM events"
                  + " WHERE run_id = ? AND seq <= ?",
              "INSERT INTO run_files (run_id, path, seq, blob_sha, kind)"
                  + " SELECT ?, path, seq, blob_sha, kind FROM run_files"
                  + " WHERE run_id = ? AND seq <= ?")) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setLong(1, id);
          ps.setLong(2, run);
          ps.setLong(3, at);
          ps.executeUpdate();
        }
      }
      c.commit();
    }
    long nanos = System.nanoTime() - start;
    return new long[] {nanos, Files.size(copy) - before};
  }

  /**
   * Resumes the fork with a scripted model and returns the time until it records its first event
   * after the fork event (its first model request): folding the 50,000 shared events is part of it.
   */
  private static long resumeToFirstStep(Project p, long fork, Path work) throws Exception {
    ModelGateway gateway =
        new ModelGateway(
            ApiKeys.of(java.util.Map.of(), work.resolve("no-keys.properties")),
            PriceTable.defaults());
    ScriptedChatModel model = ScriptedChatModel.of(List.of(ScriptedTurn.text("done")));
    gateway.register("scripted", cfg -> model);
    long first = p.events().lastSeq(fork) + 1;
    try (AgentRuntime runtime =
        Workflows.runtime(
            p,
            gateway,
            () -> {
              throw new IllegalStateException("the bench runs no sandbox");
            })) {
      // Timed by the event's own timestamp: the run may race past it before a poll sees it.
      long start = System.currentTimeMillis();
      RunHandle h = runtime.resume(fork);
      while (p.events().lastSeq(fork) < first && !h.outcome().isDone()) {
        Thread.onSpinWait();
      }
      List<org.benchwright.engine.project.RecordedEvent> recorded =
          p.events().events(fork, first, 1);
      if (recorded.isEmpty()) {
        throw new IllegalStateException("the fork recorded nothing: " + h.outcome().get());
      }
      long nanos = (recorded.getFirst().timestamp().toEpochMilli() - start) * 1_000_000;
      h.control().cancel();
      h.outcome().get(1, TimeUnit.MINUTES);
      return nanos;
    }
  }
}
