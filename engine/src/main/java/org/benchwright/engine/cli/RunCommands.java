package org.benchwright.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.agent.AgentRuntime;
import org.benchwright.engine.agent.RunHandle;
import org.benchwright.engine.agent.RunOutcome;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.model.ModelGateway;
import org.benchwright.engine.model.ScriptedChatModel;
import org.benchwright.engine.preflight.RunPreflight;
import org.benchwright.engine.project.EventCodec;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventPayload.Failure;
import org.benchwright.engine.project.EventPayload.ModelResponse;
import org.benchwright.engine.project.EventPayload.NodeTransition;
import org.benchwright.engine.project.EventPayload.Outcome;
import org.benchwright.engine.project.EventPayload.SandboxExec;
import org.benchwright.engine.project.EventPayload.ToolCall;
import org.benchwright.engine.project.EventPayload.ToolResult;
import org.benchwright.engine.project.EventPayload.ValidationVerdict;
import org.benchwright.engine.project.FolderImport;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.ProjectException;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.engine.sandbox.Sandboxes;
import org.benchwright.engine.sandbox.SyncLimits;
import org.benchwright.engine.workflow.Workflows;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code benchwright run} and {@code benchwright runs}: workflows headless. */
final class RunCommands {

  private RunCommands() {}

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Run a workflow on a task, printing its progress.")
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Option(names = "--workflow", required = true, description = "e.g. benchmark-generator")
    String workflow;

    @Option(names = "--task", required = true, description = "what the agents should do")
    String task;

    @Option(
        names = "--model",
        defaultValue = "openai:gpt-4o",
        description =
            "PROVIDER:MODEL (openai, anthropic, gemini, ollama, openai-compatible, scripted); default ${DEFAULT-VALUE}")
    String model;

    @Option(names = "--base-url", description = "for openai-compatible and ollama")
    String baseUrl;

    @Option(names = "--script", description = "for the scripted provider: the turns file")
    Path script;

    @Option(
        names = "--import",
        paramLabel = "DIR",
        description =
            "copy this folder into the run's files before its first step (.git and caches left"
                + " out; the sandbox.sync caps apply)")
    Path importFolder;

    @Option(
        names = "--experiment",
        paramLabel = "FILE",
        description =
            "experiment-loop: the spec (editable files, command, metric, budget, stop rule),"
                + " stored as the run's experiment.json; see docs/experiment-loop.md")
    Path experimentSpec;

    @Option(
        names = "--dataset",
        paramLabel = "NAME",
        description =
            "automl: the project's dataset to train on (benchwright dataset add), stored as the"
                + " run's automl.json; see docs/automl.md")
    String dataset;

    @Option(
        names = "--resume",
        description = "continue this interrupted run instead of starting one")
    Long resume;

    @Option(
        names = "--approve-plans",
        description =
            "approve every plan gate as 'cli' (otherwise a pending plan is shown and decided on"
                + " standard input: Enter approves, a comment rejects)")
    boolean approvePlans;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (Project p = Project.open(project)) {
        ModelGateway gateway =
            new ModelGateway(ApiKeys.fromEnvironmentAndUserFile(), Workflows.prices(p));
        if (script != null) {
          // One model for the whole run: the gateway asks for it on every call, and the script's
          // position must carry over (a resumed run goes on after the turns it used).
          ScriptedChatModel scripted = ScriptedChatModel.fromFile(script);
          ScriptedChatModel from =
              resume == null ? scripted : scripted.after(AgentRuntime.scriptTurnsUsed(p, resume));
          gateway.register("scripted", cfg -> from);
        }
        ModelConfig config = modelConfig(model, baseUrl);
        if (resume != null && (importFolder != null || experimentSpec != null || dataset != null)) {
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              "--import, --experiment and --dataset start a run; --resume continues one.");
        }
        if (resume == null) {
          // Refused here, a run that cannot start is never recorded only to fail at its first step.
          new RunPreflight(ApiKeys.fromEnvironmentAndUserFile())
              .require(config, Workflows.image(p, workflow));
        }
        long from = resume == null ? 0 : p.events().lastSeq(resume);
        ModelConfig chosen = config;
        return execute(
            p,
            gateway,
            workflow,
            runtime ->
                resume != null
                    ? runtime.resume(resume)
                    : runtime.start(workflow, task, chosen, false, inputs(this, p)),
            out,
            approvePlans,
            from);
      }
    }
  }

  /** A model config from {@code PROVIDER:MODEL} and an optional endpoint. */
  static ModelConfig modelConfig(String providerAndModel, String baseUrl) {
    String[] pm = providerAndModel.split(":", 2);
    ModelConfig config = ModelConfig.of(pm[0], pm.length > 1 ? pm[1] : "");
    return baseUrl == null ? config : config.withBaseUrl(baseUrl);
  }

  /** What starts (or continues) the run {@link #execute} follows. */
  interface Starter {
    RunHandle start(AgentRuntime runtime) throws Exception;
  }

  /**
   * Runs one run to its end in this process, printing each event after {@code printedFrom} as it is
   * recorded and deciding plan gates on the terminal; returns the exit code (0 when it succeeded).
   */
  static int execute(
      Project p,
      ModelGateway gateway,
      String workflow,
      Starter starter,
      PrintWriter out,
      boolean approvePlans,
      long printedFrom)
      throws Exception {
    Sandboxes[] sandboxes = new Sandboxes[1];
    try (AgentRuntime runtime =
        Workflows.runtime(
            p,
            gateway,
            () -> {
              synchronized (sandboxes) {
                if (sandboxes[0] == null) {
                  sandboxes[0] =
                      Sandboxes.start(Sandboxes.Settings.forProject(p, workflow).withWarmPool(0));
                }
                return sandboxes[0];
              }
            })) {
      RunHandle h = starter.start(runtime);
      out.printf("run %d started (%s)%n", h.runId(), workflow);
      out.flush();
      long printed = printedFrom;
      java.io.BufferedReader in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
      java.util.Set<Long> decided = new java.util.HashSet<>();
      while (true) {
        boolean done = h.outcome().isDone();
        // Looked up before the events are printed: a gate is opened with its GATE_OPENED
        // event in one transaction, so that line is always printed before the question.
        var gate = p.approvals().pending(h.runId()).filter(g -> !decided.contains(g.id()));
        Iterator<RecordedEvent> news = p.events().stream(h.runId(), printed + 1).iterator();
        while (news.hasNext()) {
          RecordedEvent e = news.next();
          out.println(describe(e));
          printed = e.seq();
        }
        out.flush();
        if (!done && gate.isPresent() && gate.get().kind().equals("plan")) {
          decided.add(gate.get().id());
          runtime.decide(h.runId(), decidePlan(out, in, p, h.runId(), approvePlans));
        }
        if (done && p.events().lastSeq(h.runId()) == printed) {
          break;
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
      RunOutcome o = h.outcome().join();
      out.printf(
          "run %d %s: %s%n", o.runId(), o.status().name().toLowerCase(Locale.ROOT), o.reason());
      return o.status() == RunStatus.SUCCEEDED ? 0 : 1;
    } finally {
      if (sandboxes[0] != null) {
        sandboxes[0].close();
      }
    }
  }

  /**
   * What a new run's files begin with: the imported folder, then the experiment spec. Both are
   * checked before the run is created (a missing folder or a folder over the caps records nothing).
   */
  private static java.util.function.LongConsumer inputs(Run r, Project p) throws IOException {
    FolderImport.Plan folder = null;
    if (r.importFolder != null) {
      SyncLimits caps = SyncLimits.of(p.settings());
      folder =
          FolderImport.scan(
              r.importFolder, caps.maxFiles(), caps.maxFileBytes(), caps.maxTotalBytes());
    }
    byte[] specBytes = null;
    if (r.experimentSpec != null) {
      if (!Files.isRegularFile(r.experimentSpec)) {
        throw new IllegalArgumentException("No experiment spec file " + r.experimentSpec + ".");
      }
      specBytes = Files.readAllBytes(r.experimentSpec);
    }
    byte[] automl = null;
    if (r.dataset != null) {
      AutoMlCommands.dataset(p, r.dataset); // refused before the run is recorded
      automl =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .createObjectNode()
              .put("dataset", r.dataset)
              .toString()
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    FolderImport.Plan plan = folder;
    byte[] specContent = specBytes;
    byte[] automlContent = automl;
    return runId -> {
      if (plan != null) {
        plan.recordInto(p, runId);
      }
      if (specContent != null) {
        p.files().write(runId, FolderImport.NODE, "experiment.json", specContent);
      }
      if (automlContent != null) {
        p.files().write(runId, FolderImport.NODE, "automl.json", automlContent);
      }
    };
  }

  /** The plan gate on a terminal: the plan, then Enter approves and a comment rejects. */
  private static org.benchwright.engine.agent.Decision decidePlan(
      PrintWriter out, java.io.BufferedReader in, Project p, long runId, boolean approve)
      throws java.io.IOException {
    if (approve) {
      out.println("plan approved (--approve-plans)");
      return new org.benchwright.engine.agent.Decision.Approve("cli");
    }
    p.plans()
        .latest(runId)
        .ifPresent(
            plan -> {
              out.println("---- plan, revision " + plan.revision() + " ----");
              out.println(plan.planText());
              plan.items().forEach(i -> out.println("  [" + i.status() + "] " + i.text()));
            });
    out.print("Approve the plan? Enter approves; type a comment to reject it: ");
    out.flush();
    String line = in.readLine();
    if (line == null) {
      throw new IllegalStateException(
          "The plan waits for approval but standard input is closed: run with --approve-plans,"
              + " or set the project setting workflow.<workflow>.planner.plan_approval to"
              + " \"auto\".");
    }
    return line.isBlank()
        ? new org.benchwright.engine.agent.Decision.Approve("cli")
        : new org.benchwright.engine.agent.Decision.Reject("cli", line.strip());
  }

  @Command(
      name = "benchmarks",
      mixinStandardHelpOptions = true,
      description = "List the stored benchmarks of a project (solve one with --workflow engineer).")
  static final class Benchmarks implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true)
    Path project;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Project p = Project.openReadOnly(project)) {
        out.printf("%-5s %-10s %-8s  %s%n", "ID", "STATUS", "SEEDS", "NAME");
        for (var b : p.benchmarks().list()) {
          out.printf(
              Locale.ROOT,
              "%-5d %-10s %3d/%-4d  %s%n",
              b.id(),
              b.status(),
              b.passedVariants(),
              b.variants(),
              b.name());
        }
      }
      return 0;
    }
  }

  @Command(
      name = "runs",
      mixinStandardHelpOptions = true,
      subcommands = RunDeleteCommand.class,
      description = "List the runs of a project.")
  static final class Runs implements Callable<Integer> {
    @Spec CommandSpec spec;

    // Checked in call(), not by picocli: a required option here would be demanded of `runs delete`.
    @Option(names = "--project")
    Path project;

    @Override
    public Integer call() {
      if (project == null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "Missing required option: '--project=<project>'");
      }
      PrintWriter out = spec.commandLine().getOut();
      try (Project p = Project.openReadOnly(project)) {
        out.printf(
            "%-5s %-20s %-22s %10s %9s  %s%n",
            "ID", "WORKFLOW", "STATUS", "TOKENS", "COST", "TASK");
        List<RunInfo> all = p.runs().list();
        java.util.Set<Long> ids = new java.util.HashSet<>();
        java.util.Map<Long, List<RunInfo>> forks = new java.util.HashMap<>();
        all.forEach(r -> ids.add(r.id()));
        for (RunInfo r : all.reversed()) {
          if (r.parentRunId() != null && ids.contains(r.parentRunId())) {
            forks.computeIfAbsent(r.parentRunId(), k -> new java.util.ArrayList<>()).add(r);
          }
        }
        // Newest first; each fork under its parent, oldest fork first (the order they branched).
        for (RunInfo r : all) {
          if (r.parentRunId() == null || !ids.contains(r.parentRunId())) {
            print(out, r, 0, forks);
          }
        }
      }
      return 0;
    }

    private static void print(
        PrintWriter out, RunInfo r, int depth, java.util.Map<Long, List<RunInfo>> forks) {
      String task = r.task().length() > 60 ? r.task().substring(0, 57) + "..." : r.task();
      String tree = depth == 0 ? "" : "  ".repeat(depth - 1) + "└ fork @" + r.forkSeq() + " ";
      out.printf(
          Locale.ROOT,
          "%-5d %-20s %-22s %10d %9.4f  %s%s%n",
          r.id(),
          r.workflow(),
          r.status().name().toLowerCase(Locale.ROOT),
          r.inputTokens() + r.outputTokens(),
          r.costUsd(),
          tree,
          task);
      for (RunInfo f : forks.getOrDefault(r.id(), List.of())) {
        print(out, f, depth + 1, forks);
      }
    }
  }

  /** One line per event, for a terminal. */
  static String describe(RecordedEvent e) {
    String detail;
    try {
      detail =
          switch (e.payload()) {
            case ToolCall c -> c.name() + " " + clip(text(c.arguments()), 100);
            case ToolResult r -> (r.error() ? "ERROR " : "") + clip(text(r.text()), 100);
            case NodeTransition t ->
                (t.from() == null ? "start" : t.from())
                    + " -> "
                    + t.to()
                    + " ("
                    + text(t.outcome())
                    + ")";
            case ModelResponse m -> m.inputTokens() + "+" + m.outputTokens() + " tokens";
            case SandboxExec x -> "exit " + x.exitCode() + " " + text(x.termination());
            case EventPayload.Experiment x ->
                "#"
                    + x.index()
                    + " "
                    + x.status()
                    + (x.metric() == null ? "" : " " + x.metric())
                    + " "
                    + clip(text(x.reason()), 120);
            case ValidationVerdict v ->
                (v.passed() ? "PASS " : "FAIL ") + clip(text(v.report()), 120);
            case Outcome o -> clip(EventCodec.toJson(o), 160);
            case Failure f -> clip(EventCodec.toJson(f), 160);
            case EventPayload other -> clip(EventCodec.toJson(other), 100);
          };
    } catch (ProjectException.UnreadableEvent ex) {
      detail = "(unreadable payload)";
    }
    return String.format(
        Locale.ROOT,
        "%5d %-9s %-18s %s",
        e.seq(),
        e.node() == null ? "-" : e.node(),
        e.type(),
        detail);
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  private static String clip(String s, int n) {
    String one = s.replace('\n', ' ');
    return one.length() <= n ? one : one.substring(0, n - 1) + "…";
  }
}
