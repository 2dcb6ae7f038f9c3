package org.benchwright.engine.capabilities;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.benchwright.engine.capabilities.Harness.Counts;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.Termination;

/**
 * Test-first, verified rather than assumed: the tests run against an empty implementation and must
 * all fail (a test that passes without the function tests nothing), then against the code and must
 * all pass. Both runs are in the sandbox; nothing here runs generated code.
 */
final class Verifier {

  static final int OUTPUT_CHARS = 6_000;
  private static final java.util.regex.Pattern DURATION =
      java.util.regex.Pattern.compile(
          " in [0-9]+(\\.[0-9]+)?s( \\([0-9:.]+\\))?(?=[ =]*$)", java.util.regex.Pattern.MULTILINE);

  private Verifier() {}

  static TestOutcome red(CapabilitySpec spec, String tests, CapabilitySandbox box, Duration limit) {
    CapabilitySandbox.Ran ran = run(box, Harness.emptyImplementation(spec), tests, limit);
    ExecResult r = ran.result();
    Counts c = countsOf(ran);
    String reason = null;
    if (r.termination() != Termination.EXIT) {
      reason = stopped(r, "against the empty implementation");
    } else if (r.exitCode() == 0) {
      reason =
          "The tests pass against an empty implementation (one that only raises"
              + " NotImplementedError), so they check nothing: call "
              + spec.name()
              + " in every test and assert on what it returns.";
    } else if (r.exitCode() == 5 || (r.exitCode() == 1 && (c == null || c.total() == 0))) {
      reason =
          "pytest found no tests in test_capability.py: write functions named test_* that call "
              + spec.name()
              + ".";
    } else if (r.exitCode() != 1 || c == null) {
      reason = "The tests do not run (pytest exit " + r.exitCode() + "): fix them.";
    } else if (c.failed() < c.total() - c.skipped()) {
      reason =
          (c.total() - c.skipped() - c.failed())
              + " of "
              + c.total()
              + " tests pass against an empty implementation, so they check nothing: every test"
              + " must call "
              + spec.name()
              + " and assert on its result.";
    } else if (c.total() == c.skipped()) {
      reason = "Every test is skipped: nothing would be checked.";
    }
    return outcome(TestOutcome.RED, reason, r, c);
  }

  static TestOutcome green(
      String phase, String code, String tests, CapabilitySandbox box, Duration limit) {
    CapabilitySandbox.Ran ran = run(box, code, tests, limit);
    ExecResult r = ran.result();
    Counts c = countsOf(ran);
    String reason = null;
    if (r.termination() != Termination.EXIT) {
      reason = stopped(r, "against the code");
    } else if (r.exitCode() != 0) {
      reason =
          (c == null ? "The tests fail" : c.failed() + " of " + c.total() + " tests fail")
              + " against the code (pytest exit "
              + r.exitCode()
              + ").";
    } else if (c == null || c.total() == 0 || c.total() == c.skipped()) {
      reason = "pytest ran no test.";
    }
    return outcome(phase, reason, r, c);
  }

  private static CapabilitySandbox.Ran run(
      CapabilitySandbox box, String code, String tests, Duration limit) {
    return box.run(Harness.testFiles(code, tests), Harness.PYTEST, limit, List.of(Harness.REPORT));
  }

  private static Counts countsOf(CapabilitySandbox.Ran ran) {
    return Harness.counts(ran.fetched().get(Harness.REPORT));
  }

  private static String stopped(ExecResult r, String where) {
    return switch (r.termination()) {
      case TIMEOUT -> "The tests ran over their time limit " + where + " and were killed.";
      case OUTPUT_LIMIT ->
          "The tests printed more than the sandbox keeps " + where + " and were stopped.";
      case OUT_OF_MEMORY -> "The tests ran out of memory " + where + ".";
      default ->
          "The tests did not finish "
              + where
              + " ("
              + r.termination().name().toLowerCase(Locale.ROOT)
              + ").";
    };
  }

  private static TestOutcome outcome(String phase, String reason, ExecResult r, Counts c) {
    String out = r.stdoutText() + (r.stderrText().isEmpty() ? "" : "\n" + r.stderrText());
    // pytest's summary ends with its duration ("2 failed in 0.03s"); what the model reads must
    // not vary between identical runs, or a replay would diverge.
    out = DURATION.matcher(out).replaceAll("");
    if (out.length() > OUTPUT_CHARS) {
      out = "[... cut]\n" + out.substring(out.length() - OUTPUT_CHARS);
    }
    return new TestOutcome(
        phase,
        reason == null,
        reason,
        c == null ? 0 : c.total(),
        c == null ? 0 : c.failed(),
        r.exitCode(),
        r.termination().name(),
        out,
        r.duration().toMillis());
  }
}
