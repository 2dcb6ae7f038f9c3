package org.benchwright.engine.api;

import java.util.List;
import org.benchwright.engine.project.Project;

/**
 * What a project has recorded, compared before and after a request that must change nothing: the
 * row counts, every skill version, every capability with its status and counters, every benchmark,
 * every run's status.
 */
record RecordedState(
    Project.Summary summary,
    List<String> skills,
    List<String> capabilities,
    List<String> benchmarks,
    List<String> runs) {

  static RecordedState of(Project p) {
    return new RecordedState(
        p.summary(),
        p.skills().latest().stream().map(s -> s.name() + " v" + s.version()).toList(),
        p.capabilities().list().stream()
            .map(c -> c.name() + " " + c.status() + " " + c.counters())
            .toList(),
        p.benchmarks().list().stream().map(Object::toString).toList(),
        p.runs().list().stream().map(r -> r.id() + " " + r.status()).toList());
  }
}
