package org.benchwright.desktop.experiments;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.ProjectException.UnreadableEvent;
import org.benchwright.engine.project.RecordedEvent;

/**
 * One row of the Experiments tab: an EXPERIMENT event as recorded, or, when its payload cannot be
 * read, a row that says so (the tab keeps working; nothing is written back).
 *
 * @param seq the seq of the EXPERIMENT event (where the timeline jumps)
 * @param experiment the payload; null when {@code problem} is set
 * @param problem why the event cannot be read; null for a readable one
 */
public record ExperimentRow(long seq, EventPayload.Experiment experiment, String problem) {

  /** Reads one recorded EXPERIMENT event; a damaged payload becomes an unreadable row. */
  public static ExperimentRow of(RecordedEvent e) {
    try {
      EventPayload.Experiment x = e.payload(EventPayload.Experiment.class);
      return new ExperimentRow(e.seq(), x, null);
    } catch (UnreadableEvent ex) {
      return new ExperimentRow(e.seq(), null, ex.problem().describe(e.type()));
    } catch (RuntimeException ex) {
      // A payload of the right shape but with an impossible value (a number that overflows): the
      // row is unreadable, the tab is not.
      return new ExperimentRow(e.seq(), null, String.valueOf(ex.getMessage()));
    }
  }

  public boolean readable() {
    return experiment != null;
  }

  public Status status() {
    return experiment == null ? Status.UNREADABLE : Status.of(experiment.status());
  }

  /** The experiment's index; null for an unreadable row. */
  public Integer index() {
    return experiment == null ? null : experiment.index();
  }

  public Double metric() {
    return experiment == null ? null : experiment.metric();
  }

  public Double delta() {
    return experiment == null ? null : experiment.delta();
  }

  public Double noise() {
    return experiment == null ? null : experiment.noise();
  }

  public Long durationMs() {
    return experiment == null ? null : experiment.durationMs();
  }

  public Integer fixAttempt() {
    return experiment == null ? null : experiment.fixAttempt();
  }

  public String id() {
    return experiment == null || experiment.id() == null ? "" : experiment.id();
  }

  /** The hypothesis and the change's summary in one line, or why the event is unreadable. */
  public String description() {
    if (experiment == null) {
      return "Unreadable event " + seq + ": " + problem;
    }
    String h = blankToNull(experiment.hypothesis());
    String s = blankToNull(experiment.summary());
    if (h == null) {
      return s == null ? "" : s;
    }
    return s == null ? h : h + " — " + s;
  }

  /** A number as the tab shows it: four significant digits, no trailing zeros; "" for none. */
  public static String number(Double v) {
    if (v == null) {
      return "";
    }
    if (v.isNaN() || v.isInfinite()) {
      return v.toString();
    }
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /** A difference with its sign: "+0.012", "-0.3", "0". */
  public static String signed(Double v) {
    String n = number(v);
    return v != null && v > 0 ? "+" + n : n;
  }

  /** Milliseconds as seconds with one decimal ("9.8 s"). */
  public static String seconds(Long ms) {
    return ms == null ? "" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
