package org.benchwright.desktop.automl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.benchwright.engine.automl.Profile;
import org.benchwright.engine.project.Datasets.Dataset;

/**
 * What the Datasets window shows for one dataset, prepared off the FX thread from its row and its
 * parsed profile. The target, task and reason are the row's (a user's override replaces them there,
 * not in the stored profile), so the class balance comes from the profile only while the target is
 * the one it was profiled for; for another target it is that column's most frequent values.
 *
 * @param classesNote where the class balance comes from, or why there is none
 */
public record DatasetDetails(
    Dataset dataset,
    String shape,
    String target,
    String task,
    String reason,
    List<Profile.Column> columns,
    Map<String, Long> classes,
    String classesNote,
    List<String> warnings,
    Map<String, Double> meta,
    List<String> targetChoices) {

  static DatasetDetails of(Dataset d) {
    Profile p = Profile.parse(d.profile());
    Map<String, Long> classes = new LinkedHashMap<>();
    String note;
    boolean classification = d.task() != null && !d.task().startsWith("regression");
    if (!classification) {
      note = "A " + (d.task() == null ? "regression" : d.task()) + " target has no classes.";
    } else if (d.target() != null && d.target().equals(p.target()) && !p.classes().isEmpty()) {
      classes.putAll(p.classes());
      note = classes.size() + " classes";
    } else {
      p.column(d.target())
          .ifPresent(c -> c.top().forEach(e -> classes.put(e.getKey(), e.getValue())));
      note =
          classes.isEmpty()
              ? "No class counts in the profile for " + d.target() + "."
              : "The most frequent values of " + d.target() + " (profiled for another target).";
    }
    List<String> choices = new ArrayList<>();
    p.columns().forEach(c -> choices.add(c.name()));
    String shape =
        String.format(
            Locale.ROOT,
            "%,d rows · %d columns · %s · %s · %s",
            d.rows(),
            d.columns(),
            d.format(),
            size(d.size()),
            d.fileName());
    return new DatasetDetails(
        d,
        shape,
        d.target(),
        d.task(),
        d.taskReason(),
        p.columns(),
        java.util.Collections.unmodifiableMap(classes),
        note,
        p.warnings(),
        p.meta(),
        List.copyOf(choices));
  }

  /** "41.2 KB": a file's size as a person reads it. */
  static String size(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }
    if (bytes >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
    }
    if (bytes >= 1L << 10) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / (double) (1L << 10));
    }
    return bytes + " bytes";
  }
}
