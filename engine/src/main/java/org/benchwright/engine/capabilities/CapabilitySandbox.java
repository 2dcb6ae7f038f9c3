package org.benchwright.engine.capabilities;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.RunSandbox;
import org.benchwright.engine.sandbox.SandboxSession;
import org.benchwright.engine.sandbox.Sandboxes;
import org.benchwright.engine.sandbox.Termination;

/**
 * Where a capability's tests and calls run: always a fresh hardened sandbox session of their own,
 * given only the capability's files, so generated code never runs on the host and never touches a
 * run's workspace.
 */
public interface CapabilitySandbox {

  /** What a command did, and the files asked for that it left (absent when it left none). */
  record Ran(ExecResult result, Map<String, byte[]> fetched) {}

  Ran run(Map<String, byte[]> files, String shellCommand, Duration timeout, List<String> fetch);

  /**
   * Inside a run: the command is recorded as the run's (a SANDBOX_EXEC event), its files are not.
   */
  static CapabilitySandbox inRun(RunSandbox sandbox, String node) {
    return (files, command, timeout, fetch) -> {
      RunSandbox.Detached d = sandbox.runIsolated(node, files, command, timeout, fetch);
      return new Ran(d.result(), d.fetched());
    };
  }

  /** Outside runs (the CLI's and the desktop's re-tests): a session per command. */
  static CapabilitySandbox of(Sandboxes sandboxes) {
    return (files, command, timeout, fetch) -> {
      try (SandboxSession s = sandboxes.open("capabilities")) {
        s.writeFiles(files);
        ExecResult r = s.run(command, timeout);
        Map<String, byte[]> fetched = new LinkedHashMap<>();
        if (r.termination() == Termination.EXIT && !fetch.isEmpty()) {
          Map<String, byte[]> all = s.readFiles();
          for (String f : fetch) {
            if (all.containsKey(f)) {
              fetched.put(f, all.get(f));
            }
          }
        }
        return new Ran(r, fetched);
      }
    };
  }
}
